import { loadConfig } from '../config.ts';
import { type Database, migrateToLatest, openDatabase } from '../db/database.ts';
import { AuditWriter } from '../modules/audit/audit-writer.ts';
import type { Principal } from '../modules/auth/auth.ts';
import { type ServiceContext, serviceContext } from '../service-context.ts';

/** The operator at the command line: an administrator of the installation, not a clinician. */
const CLI_PRINCIPAL: Principal = {
  staffId: '00000000-0000-4000-8000-000000000000',
  organisationId: '00000000-0000-4000-8000-000000000000',
  username: 'cli',
  displayName: 'Command line',
  roles: ['system_admin'],
  teamIds: [],
  active: true,
  igTrainingExpiresOn: null,
  safeguardingTrained: false,
  via: 'token',
  sessionId: null,
  csrfToken: null,
};

/** A service context for administrative commands run from the CLI, acting for an organisation when named. */
export function cliContext(database: Database, organisationId?: string): ServiceContext {
  return serviceContext({
    database,
    principal: organisationId ? { ...CLI_PRINCIPAL, organisationId } : CLI_PRINCIPAL,
    now: new Date(),
    audit: new AuditWriter(database),
  });
}

/** Opens DATABASE_URL, applies pending migrations (unless told not to), runs the work and closes the database. */
export async function withDatabase<T>(
  work: (database: Database) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const database = await openDatabase(loadConfig().database);
  try {
    if (options.migrate !== false) await migrateToLatest(database);
    return await work(database);
  } finally {
    await database.close();
  }
}
