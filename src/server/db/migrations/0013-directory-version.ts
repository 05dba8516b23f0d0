import { type Kysely, SqliteAdapter, sql } from 'kysely';

/**
 * The directory (organisations, teams, staff, their roles, teams and training) joins the
 * partnership-wide facts behind the partnership version counter: a trigger bumps the counter in
 * the same transaction as any change to these tables, whichever module or process makes it. A
 * process may then keep the signed-in caller, the organisations and the roles each organisation
 * holds between requests, and a change to any of them still applies to the very next request.
 */
const TABLES = ['organisations', 'teams', 'staff', 'staff_roles', 'staff_teams', 'training_records'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const table of TABLES)
      for (const event of ['insert', 'update', 'delete'] as const)
        await sql
          .raw(
            `create trigger "${table}_${event}_bumps_partnership_version" after ${event} on "${table}" ` +
              'begin update "partnership_version" set "version" = "version" + 1 where "id" = 1; end',
          )
          .execute(db);
    return;
  }
  await sql
    .raw(
      'create or replace function "bump_partnership_version"() returns trigger language plpgsql as $$ ' +
        'begin update "partnership_version" set "version" = "version" + 1 where "id" = 1; return null; end $$',
    )
    .execute(db);
  for (const table of TABLES)
    await sql
      .raw(
        `create trigger "${table}_bumps_partnership_version" after insert or update or delete on "${table}" ` +
          'for each statement execute function "bump_partnership_version"()',
      )
      .execute(db);
}
