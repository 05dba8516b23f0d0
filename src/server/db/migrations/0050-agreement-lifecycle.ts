import { type Kysely, sql } from 'kysely';

/**
 * The agreement lifecycle's evidence: each party's legal and operational sign-off of the terms it
 * read (by their hash), staff acknowledgements of an agreement's guidance (lapsing like training),
 * disputes raised by staff with their documented outcome, and the partnership's choice whether an
 * agreement past its review date is suspended automatically.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agreement_sign_offs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('signer_role', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('terms_hash', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addCheckConstraint('agreement_sign_off_kind_known', sql`kind in ('LEGAL', 'OPERATIONAL')`)
    .execute();
  await db.schema
    .createIndex('agreement_sign_offs_agreement_idx')
    .on('agreement_sign_offs')
    .columns(['agreement_id', 'organisation_id'])
    .execute();
  await db.schema
    .createTable('agreement_acknowledgements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('terms_hash', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text', (c) => c.notNull())
    .addColumn('lapses_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('agreement_acknowledgements_agreement_idx')
    .on('agreement_acknowledgements')
    .columns(['agreement_id', 'staff_id'])
    .execute();
  await db.schema
    .createIndex('agreement_acknowledgements_staff_idx')
    .on('agreement_acknowledgements')
    .columns(['staff_id', 'lapses_on'])
    .execute();
  await db.schema
    .createTable('agreement_disputes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id'))
    .addColumn('raised_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('guidance_changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolved_by', 'text', (c) => c.references('staff.id'))
    .addColumn('resolved_at', 'text')
    .addCheckConstraint(
      'agreement_dispute_resolved_with_outcome',
      sql`(resolved_at is null) = (outcome is null)`,
    )
    .execute();
  await db.schema
    .createIndex('agreement_disputes_agreement_idx')
    .on('agreement_disputes')
    .columns(['agreement_id', 'raised_at'])
    .execute();
  await db.schema
    .createTable('agreement_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('auto_suspend_past_review', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'text')
    .execute();
  await db
    .insertInto('agreement_settings' as never)
    .values({ id: 1, auto_suspend_past_review: 0 } as never)
    .execute();
}
