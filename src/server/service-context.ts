import type { Database } from './db/database.ts';
import { ukDateOf } from './modules/access/calendar.ts';
import type { AuditEvent } from './modules/audit/audit-entry.ts';
import type { AuditWriter } from './modules/audit/audit-writer.ts';
import type { Principal } from './modules/auth/auth.ts';

/** What every use-case receives: the database, who is asking, the request id and the time. */
export interface ServiceContext {
  readonly database: Database;
  readonly principal: Principal;
  readonly requestId: string;
  readonly now: Date;
  readonly audit: AuditWriter;
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

/** Records an administrative or record change in the change's own transaction (referenced, not copied). */
export async function auditChange(
  ctx: ServiceContext,
  tx: import('./db/database.ts').Db,
  action: string,
  target: { type: string; id: string },
  extra: Partial<AuditEvent> = {},
): Promise<void> {
  await ctx.audit.appendInTransaction(
    tx,
    [{ action, outcome: 'success', actor: auditActor(ctx), target, ...extra }],
    ctx.now,
    ctx.requestId,
  );
}
