import type { Config } from '../config.ts';
import type { Database, Engine } from '../db/database.ts';
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

/**
 * Whether the server may load the demo at start. Demo accounts share one known password, so they
 * must never reach a live partnership: by default only a SQLite database outside production gets
 * them (the quick start); PostgreSQL or NODE_ENV=production need ACCORD_DEMO=on.
 */
export function demoAllowedAtStart(config: Pick<Config, 'demo' | 'production'>, engine: Engine): boolean {
  if (config.demo === 'on') return true;
  if (config.demo === 'off') return false;
  return engine === 'sqlite' && !config.production;
}

/** At start: loads the demo into an empty database when the configuration allows; true when loaded. */
export async function loadDemoAtStart(
  database: Database,
  config: Pick<Config, 'demo' | 'production' | 'demoPassword'>,
): Promise<boolean> {
  if (!demoAllowedAtStart(config, database.engine)) return false;
  return seedDemoIfEmpty(database, config.demoPassword);
}

/** Prints the demo accounts so a new user can sign in straight away. */
export function printDemoLogins(password: string): void {
  const rows = DEMO_LOGINS.map((l) => [l.username, l.displayName, l.organisationName, l.roles.join(', ')]);
  process.stdout.write(
    `\nDemo logins (password: ${password === 'demo' ? 'demo' : 'as set in ACCORD_DEMO_PASSWORD'})\n`,
  );
  process.stdout.write(`${renderTable(['username', 'name', 'organisation', 'roles'], rows)}\n\n`);
}
