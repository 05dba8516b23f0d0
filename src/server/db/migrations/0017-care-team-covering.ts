import type { Kysely } from 'kysely';

/**
 * "Is this person on my caseload" is asked per person while the caseload walks people in name
 * order: by staff member (named) or by team, at the caller's organisation, live today. The
 * reporting index on (organisation_id, start_date, person_id) also matches those conditions, and
 * without table statistics SQLite chose it, scanning every membership at the organisation for
 * each person walked (a 25-person page took 600 ms at 10,000 people). Indexes that hold every
 * column the check reads, led by the staff member or team and the person, answer it from the index
 * alone on both engines, with or without statistics. They replace the narrower (staff, person) and
 * (team, person) indexes, which are their prefixes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('ctm_staff_idx').execute();
  await db.schema.dropIndex('ctm_team_idx').execute();
  await db.schema
    .createIndex('ctm_staff_idx')
    .on('care_team_memberships')
    .columns(['staff_id', 'person_id', 'organisation_id', 'start_date', 'end_date'])
    .execute();
  await db.schema
    .createIndex('ctm_team_idx')
    .on('care_team_memberships')
    .columns(['team_id', 'person_id', 'organisation_id', 'start_date', 'end_date'])
    .execute();
}
