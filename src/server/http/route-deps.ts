import type { Database } from '../db/database.ts';
import type { AuditWriter } from '../modules/audit/audit-writer.ts';

/** What route modules receive from buildApp. */
export interface RouteDeps {
  readonly database: Database;
  readonly clock: () => Date;
  readonly audit: AuditWriter;
}
