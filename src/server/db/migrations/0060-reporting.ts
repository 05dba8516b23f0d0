import type { Kysely } from 'kysely';

/**
 * Care-plan reviews with the coded outcome scores recorded at them (person-level), and the
 * indexes the commissioner dataset aggregates over, so each metric reads an index range for its
 * organisations and period instead of scanning a table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('care_plan_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('care_plan_reviews_person_idx')
    .on('care_plan_reviews')
    .columns(['person_id', 'due_on'])
    .execute();
  await db.schema
    .createIndex('care_plan_reviews_org_due_idx')
    .on('care_plan_reviews')
    .columns(['organisation_id', 'due_on'])
    .execute();
  await db.schema
    .createTable('outcome_scores')
    .addColumn('review_id', 'text', (c) => c.notNull().references('care_plan_reviews.id'))
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('item', 'integer', (c) => c.notNull())
    .addColumn('snomed_code', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('scored_on', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_scores_pk', ['review_id', 'measure', 'item'])
    .execute();
  await db.schema
    .createIndex('outcome_scores_org_idx')
    .on('outcome_scores')
    .columns(['organisation_id', 'measure', 'person_id', 'scored_on'])
    .execute();
  await db.schema
    .createIndex('handovers_report_idx')
    .on('handovers')
    .columns(['recipient_org_id', 'template_key', 'sent_at'])
    .execute();
  await db.schema
    .createIndex('follow_ups_report_idx')
    .on('follow_ups')
    .columns(['organisation_id', 'rule', 'due_at'])
    .execute();
  await db.schema
    .createIndex('ctm_org_report_idx')
    .on('care_team_memberships')
    .columns(['organisation_id', 'start_date', 'person_id'])
    .execute();
  await db.schema
    .createIndex('audit_owner_report_idx')
    .on('audit_entries')
    .columns(['owner_org_id', 'outcome', 'recorded_at'])
    .execute();
}
