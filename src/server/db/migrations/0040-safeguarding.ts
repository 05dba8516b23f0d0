import { type Kysely, sql } from 'kysely';

/**
 * Safeguarding adults (Care Act 2014 s42): structured concerns, protective actions with named
 * owners, weekly huddle reviews and case conference (MDT) notes. All person-level, all restricted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('safeguarding_concerns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('lead_staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('enquiry_type', 'text', (c) => c.notNull())
    .addColumn('abuse_types', 'text', (c) => c.notNull())
    .addColumn('s42_care_needs', 'integer', (c) => c.notNull())
    .addColumn('s42_at_risk', 'integer', (c) => c.notNull())
    .addColumn('s42_unable_to_protect', 'integer', (c) => c.notNull())
    .addColumn('source_of_risk', 'text', (c) => c.notNull())
    .addColumn('location_of_risk', 'text', (c) => c.notNull())
    .addColumn('immediate_actions', 'text', (c) => c.notNull())
    .addColumn('adult_views', 'text', (c) => c.notNull())
    .addColumn('desired_outcomes', 'text', (c) => c.notNull())
    .addColumn('capacity', 'text', (c) => c.notNull())
    .addColumn('capacity_notes', 'text')
    .addColumn('advocacy_needed', 'integer', (c) => c.notNull())
    .addColumn('advocacy_notes', 'text')
    .addColumn('police_involved', 'integer', (c) => c.notNull())
    .addColumn('police_reference', 'text')
    .addColumn('sharing', 'text', (c) => c.notNull())
    .addColumn('next_huddle_on', 'text')
    // Earliest due date of an open protective action ('9999-12-31' when none): the huddle's order.
    .addColumn('action_due_key', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addCheckConstraint('safeguarding_concern_status_known', sql`status in ('open', 'closed')`)
    .execute();
  await db.schema
    .createIndex('safeguarding_concerns_huddle_idx')
    .on('safeguarding_concerns')
    .columns(['organisation_id', 'status', 'action_due_key', 'id'])
    .execute();
  await db.schema
    .createIndex('safeguarding_concerns_person_idx')
    .on('safeguarding_concerns')
    .columns(['person_id', 'status'])
    .execute();

  await db.schema
    .createTable('case_conferences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('concern_id', 'text', (c) => c.references('safeguarding_concerns.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('person_views', 'text', (c) => c.notNull())
    .addColumn('shared', 'text', (c) => c.notNull())
    .addColumn('decisions', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('staff.id'))
    .execute();
  await db.schema
    .createIndex('case_conferences_person_idx')
    .on('case_conferences')
    .columns(['person_id', 'held_on'])
    .execute();

  await db.schema
    .createTable('safeguarding_huddle_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('concern_id', 'text', (c) => c.notNull().references('safeguarding_concerns.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('partner_contacts', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('next_huddle_on', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('staff.id'))
    .execute();
  await db.schema
    .createIndex('safeguarding_huddle_reviews_concern_idx')
    .on('safeguarding_huddle_reviews')
    .columns(['concern_id', 'held_on'])
    .execute();

  await db.schema
    .createTable('safeguarding_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('concern_id', 'text', (c) => c.references('safeguarding_concerns.id'))
    .addColumn('huddle_review_id', 'text', (c) => c.references('safeguarding_huddle_reviews.id'))
    .addColumn('conference_id', 'text', (c) => c.references('case_conferences.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    // End of the due day as an instant: the worklist orders every kind of work by instant.
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text', (c) => c.references('staff.id'))
    .addColumn('outcome', 'text')
    .addCheckConstraint('safeguarding_action_status_known', sql`status in ('open', 'done')`)
    .addCheckConstraint(
      'safeguarding_action_done_completed',
      sql`(status = 'done') = (completed_at is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('safeguarding_actions_owner_idx')
    .on('safeguarding_actions')
    .columns(['owner_staff_id', 'status', 'due_at', 'id'])
    .execute();
  await db.schema
    .createIndex('safeguarding_actions_person_idx')
    .on('safeguarding_actions')
    .columns(['person_id', 'status'])
    .execute();
}
