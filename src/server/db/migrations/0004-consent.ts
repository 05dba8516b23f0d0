import { type Kysely, sql } from 'kysely';

/**
 * Consent, consent review tasks, lawful exceptions and exception reviews. Consent is versioned:
 * each change inserts a row and marks the one before superseded, so what applied at any moment
 * can be shown later; a partial unique index keeps exactly one current version per person.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('capacity', 'text', (c) => c.notNull())
    .addColumn('best_interests_decision', 'text')
    .addColumn('decision_maker', 'text')
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('captured_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('captured_by_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('captured_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('review_date', 'text', (c) => c.notNull())
    .addColumn('review_due', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('review_due_reason', 'text')
    .addColumn('superseded_at', 'text')
    .addColumn('superseded_by', 'text')
    .addColumn('provisions', 'text', (c) => c.notNull())
    .addUniqueConstraint('consents_person_version_unique', ['person_id', 'version'])
    .addCheckConstraint('consents_status_known', sql`status in ('given', 'refused', 'withdrawn')`)
    .addCheckConstraint('consents_capacity_known', sql`capacity in ('HAS_CAPACITY', 'LACKS_CAPACITY')`)
    // Mental Capacity Act 2005 s4: consent "given" for someone lacking capacity is a best-interests decision.
    .addCheckConstraint(
      'consents_best_interests_recorded',
      sql`status <> 'given' or capacity <> 'LACKS_CAPACITY' or best_interests_decision is not null`,
    )
    .execute();
  await db.schema
    .createIndex('consents_current_unique')
    .on('consents')
    .column('person_id')
    .unique()
    .where(sql.ref('superseded_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('consent_review_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('consent_id', 'text', (c) => c.references('consents.id'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('assigned_to', 'text', (c) => c.references('staff.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text', (c) => c.references('staff.id'))
    .addCheckConstraint('consent_review_status_known', sql`status in ('open', 'done')`)
    .execute();
  await db.schema
    .createIndex('consent_review_person_idx')
    .on('consent_review_tasks')
    .columns(['person_id', 'status'])
    .execute();
  await db.schema
    .createIndex('consent_review_assignee_idx')
    .on('consent_review_tasks')
    .columns(['assigned_to', 'status'])
    .execute();

  await db.schema
    .createTable('lawful_exceptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('ground', 'text', (c) => c.notNull())
    .addColumn('article6', 'text', (c) => c.notNull())
    .addColumn('article9', 'text', (c) => c.notNull())
    .addColumn('common_law', 'text', (c) => c.notNull())
    .addColumn('recipient_org_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('decided_by_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addCheckConstraint('lawful_exception_rationale_given', sql`length(rationale) >= 20`)
    .execute();
  await db.schema
    .createIndex('lawful_exceptions_person_idx')
    .on('lawful_exceptions')
    .column('person_id')
    .execute();

  await db.schema
    .createTable('exception_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('outcome', 'text')
    .addColumn('notes', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.references('staff.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('exception_review_kind_known', sql`kind in ('LAWFUL_EXCEPTION', 'BREAK_GLASS')`)
    .addCheckConstraint('exception_review_status_known', sql`status in ('open', 'closed')`)
    .execute();
  await db.schema
    .createIndex('exception_reviews_org_idx')
    .on('exception_reviews')
    .columns(['organisation_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('exception_reviews_subject_idx')
    .on('exception_reviews')
    .columns(['kind', 'subject_id'])
    .execute();
}
