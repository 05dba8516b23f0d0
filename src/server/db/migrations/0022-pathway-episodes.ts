import { type Kysely, sql } from 'kysely';

/** Pathway episodes at a receiving service, with every stage move kept. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pathway_episodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('referral_handover_id', 'text', (c) => c.unique().references('handovers.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addCheckConstraint(
      'pathway_stage_known',
      sql`stage in ('REFERRAL', 'ASSESSMENT', 'ACTIVE', 'REVIEW', 'STEP_DOWN', 'DISCHARGED')`,
    )
    .addCheckConstraint(
      'pathway_closed_when_discharged',
      sql`(stage = 'DISCHARGED') = (closed_at is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('pathway_episodes_person_idx')
    .on('pathway_episodes')
    .columns(['person_id'])
    .execute();
  await db.schema
    .createIndex('pathway_episodes_org_stage_idx')
    .on('pathway_episodes')
    .columns(['organisation_id', 'stage'])
    .execute();
  await db.schema
    .createTable('pathway_episode_moves')
    .addColumn('episode_id', 'text', (c) => c.notNull().references('pathway_episodes.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('moved_at', 'text', (c) => c.notNull())
    .addColumn('moved_by', 'text', (c) => c.notNull().references('staff.id'))
    .addPrimaryKeyConstraint('pathway_episode_moves_pk', ['episode_id', 'version'])
    .execute();
}
