import type { Database, DatabaseHandle, Db } from './db/database.ts';
import type { ChangeTx } from './db/governed.ts';
import { ukDateOf } from './modules/access/calendar.ts';
import type { AuditAction } from './modules/audit/audit-actions.ts';
import type { AuditEvent } from './modules/audit/audit-entry.ts';
import type { AuditWriter } from './modules/audit/audit-writer.ts';
import type { Principal } from './modules/auth/auth.ts';

/** The database as a use-case sees it: person-level tables are reached only through the door. */
export type ScopedDatabase = DatabaseHandle;

/** What every use-case receives: a scoped database, who is asking, the request id and the time. */
export interface ServiceContext {
  readonly database: ScopedDatabase;
  readonly principal: Principal;
  readonly requestId: string;
  readonly now: Date;
  readonly audit: AuditWriter;
}

// The full handle behind each context, reachable only by the access door (test/one-door.test.ts
// checks that nothing else imports `governedDatabaseOf`).
const fullHandles = new WeakMap<ServiceContext, Database>();

/** Builds the context for one request (or one CLI command) bound to its principal. */
export function serviceContext(input: {
  database: Database;
  principal: Principal;
  requestId?: string;
  now: Date;
  audit: AuditWriter;
}): ServiceContext {
  const ctx: ServiceContext = {
    database: { db: input.database.db, engine: input.database.engine },
    principal: input.principal,
    requestId: input.requestId ?? crypto.randomUUID(),
    now: input.now,
    audit: input.audit,
  };
  fullHandles.set(ctx, input.database);
  return ctx;
}

/** The full handle of a context. Only `modules/access/door.ts` may call this. */
export function governedDatabaseOf(ctx: ServiceContext): Database {
  const database = fullHandles.get(ctx);
  if (!database) throw new Error('service context was not made by serviceContext()');
  return database;
}

/** The principal as an audit entry records it. */
export function auditActor(ctx: ServiceContext): NonNullable<AuditEvent['actor']> {
  return {
    staffId: ctx.principal.staffId,
    organisationId: ctx.principal.organisationId,
    roles: ctx.principal.roles,
  };
}

/** Today's date in England for a context, YYYY-MM-DD: care-team and agreement dates are UK calendar dates. */
export function todayOf(ctx: { now: Date }): string {
  return ukDateOf(ctx.now.getTime());
}

/**
 * Records an administrative or record change in the change's own transaction (referenced, not
 * copied). It takes a transaction, never a bare handle: a change audit outside the change's
 * transaction could commit without the change, or the change without it.
 */
export async function auditChange(
  ctx: ServiceContext,
  tx: ChangeTx,
  action: AuditAction,
  target: { type: string; id: string },
  extra: Partial<AuditEvent> = {},
): Promise<void> {
  await ctx.audit.appendInTransaction(
    tx as unknown as Db,
    [{ action, outcome: 'success', actor: auditActor(ctx), target, ...extra }],
    ctx.now,
    ctx.requestId,
  );
}
