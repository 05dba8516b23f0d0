import { type Kysely, sql } from 'kysely';

// Frozen copy of the defaults at the time of this migration (contracts may move on; migrations do not).
const DEFAULT_SETTINGS: readonly { rule: string; thresholds: Record<string, unknown> }[] = [
  { rule: 'NOT_ON_CASELOAD', thresholds: { minimumPeople: 1 } },
  { rule: 'VOLUME_SPIKE', thresholds: { multiplier: 3, minimum: 30, baselineDays: 28 } },
  {
    rule: 'OUT_OF_HOURS',
    thresholds: { startHour: 20, endHour: 7, weekends: true, exemptRoles: ['duty'], minimumReads: 1 },
  },
  { rule: 'REPEATED_BREAK_GLASS', thresholds: { count: 3, days: 7 } },
  { rule: 'COLLEAGUE_RECORD', thresholds: { matchEmail: true, matchName: true, exemptNamedCareTeam: true } },
];

/** Anomaly rules and investigation cases; access reviews. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('anomaly_settings')
    .addColumn('rule', 'text', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('thresholds', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const seededAt = new Date().toISOString();
  await db
    .insertInto('anomaly_settings' as never)
    .values(
      DEFAULT_SETTINGS.map((s) => ({
        rule: s.rule,
        enabled: 1,
        thresholds: JSON.stringify(s.thresholds),
        updated_by: null,
        updated_at: seededAt,
      })) as never,
    )
    .execute();

  // Actor and organisation come from audit entries, which carry no foreign keys either: a case
  // must open even for an account the directory no longer holds.
  await db.schema
    .createTable('investigation_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('actor_staff_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('window_end', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('outcome_notes', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('staff.id'))
    .addColumn('closed_at', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addCheckConstraint('investigation_status_known', sql`status in ('open', 'closed')`)
    .addCheckConstraint(
      'investigation_closed_has_outcome',
      sql`status = 'open' or (outcome is not null and closed_at is not null and closed_by is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('investigation_org_status_idx')
    .on('investigation_cases')
    .columns(['organisation_id', 'status', 'opened_at'])
    .execute();

  await db.schema
    .createTable('investigation_evidence')
    .addColumn('case_id', 'text', (c) => c.notNull().references('investigation_cases.id'))
    .addColumn('audit_entry_id', 'text', (c) => c.notNull().references('audit_entries.id'))
    .addPrimaryKeyConstraint('investigation_evidence_pk', ['case_id', 'audit_entry_id'])
    .execute();
  await db.schema
    .createIndex('investigation_evidence_entry_idx')
    .on('investigation_evidence')
    .column('audit_entry_id')
    .execute();

  await db.schema
    .createTable('access_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('reviewer_staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addUniqueConstraint('access_reviews_once_a_period', ['period', 'organisation_id', 'reviewer_staff_id'])
    .addCheckConstraint('access_review_status_known', sql`status in ('open', 'completed', 'escalated')`)
    .execute();
  await db.schema
    .createIndex('access_reviews_org_idx')
    .on('access_reviews')
    .columns(['organisation_id', 'status'])
    .execute();
  await db.schema
    .createIndex('access_reviews_reviewer_idx')
    .on('access_reviews')
    .columns(['reviewer_staff_id', 'status'])
    .execute();

  await db.schema
    .createTable('access_review_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('access_reviews.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('flag', 'text')
    .addColumn('decision', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('staff.id'))
    .addColumn('decided_at', 'text')
    .addColumn('escalated_at', 'text')
    .addUniqueConstraint('access_review_items_once', ['review_id', 'staff_id', 'kind', 'subject'])
    .addCheckConstraint('access_review_item_kind_known', sql`kind in ('ROLE', 'CARE_TEAM_MEMBERSHIP')`)
    .addCheckConstraint(
      'access_review_item_decision_known',
      sql`decision is null or decision in ('CONFIRMED', 'REVOKED')`,
    )
    .execute();
  await db.schema
    .createIndex('access_review_items_review_idx')
    .on('access_review_items')
    .column('review_id')
    .execute();
}
