import type { Database } from '../db/database.ts';
import { isDatabaseEmpty, loadDemo } from '../demo/load-demo.ts';
import { DEMO_LOGINS } from '../demo/partnership.ts';
import { progressBar } from './progress.ts';
import { renderTable } from './table.ts';

/** Loads the demo partnership into an empty database; false when there was data already. */
export async function seedDemoIfEmpty(
  database: Database,
  password: string,
  people?: number,
  seed?: number,
): Promise<boolean> {
  if (!(await isDatabaseEmpty(database))) return false;
  const counts = await loadDemo(database, {
    password,
    ...(people !== undefined ? { people } : {}),
    ...(seed !== undefined ? { seed } : {}),
    onProgress: progressBar('Loading demo partnership'),
  });
  process.stderr.write(
    `Demo partnership loaded: ${counts.organisations} organisations, ${counts.staff} staff, ${counts.people} people, ${counts.entries} record entries.\n`,
  );
  return true;
}

/** Prints the demo accounts so a new user can sign in straight away. */
export function printDemoLogins(password: string): void {
  const rows = DEMO_LOGINS.map((l) => [l.username, l.displayName, l.organisationName, l.roles.join(', ')]);
  process.stdout.write(
    `\nDemo logins (password: ${password === 'demo' ? 'demo' : 'as set in ACCORD_DEMO_PASSWORD'})\n`,
  );
  process.stdout.write(`${renderTable(['username', 'name', 'organisation', 'roles'], rows)}\n\n`);
}
