import type { AuditActivityQuery, AuditEntryDto, AuditEntryQuery } from '../../../contracts/audit.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import { activitySummary, findEntries, getEntry } from './audit.service.ts';
import type { AuditAction } from './audit-actions.ts';
import { nameEntries } from './audit-names.ts';

/**
 * An IG lead answers for their own organisation: they search entries their organisation took part
 * in (as the actor's, the data owner's or the recipient's organisation), whatever filter they ask.
 */
function scoped<T extends AuditActivityQuery>(ctx: ServiceContext, query: T): T {
  if (query.organisationId && query.organisationId !== ctx.principal.organisationId) {
    throw new ValidationError([
      {
        field: 'querystring.organisationId',
        message: 'must be your own organisation: the explorer shows what it took part in',
      },
    ]);
  }
  return { ...query, organisationId: ctx.principal.organisationId };
}

function touches(entry: AuditEntryDto, organisationId: string): boolean {
  return [entry.actorOrganisationId, entry.ownerOrganisationId, entry.recipientOrganisationId].includes(
    organisationId,
  );
}

/** Records that the log itself was read: a copy of who saw what is an access IG leads answer for. */
async function recordSearch(
  ctx: ServiceContext,
  action: AuditAction,
  query: AuditActivityQuery,
  personId: string | null,
  extra: Record<string, string> = {},
): Promise<void> {
  const details: Record<string, string> = { ...extra };
  for (const key of ['actorId', 'action', 'from', 'to'] as const) {
    const value = query[key];
    if (value) details[key] = value;
  }
  await ctx.audit.append(
    [{ action, outcome: 'success', actor: auditActor(ctx), personId, purpose: 'AUDIT', details }],
    ctx.now,
    ctx.requestId,
  );
}

/** Entries for the explorer, within the caller's organisation; the search is audited. */
export async function searchEntries(
  ctx: ServiceContext,
  query: AuditEntryQuery,
): Promise<{ items: AuditEntryDto[]; total: number }> {
  const result = await findEntries(ctx.database, scoped(ctx, query));
  const items = await nameEntries(ctx, result.items);
  // How many people the page named is part of what was seen.
  const named = new Set(items.flatMap((e) => (e.personId && e.names?.person ? [e.personId] : []))).size;
  await recordSearch(ctx, 'audit.search', query, query.personId ?? null, { peopleNamed: String(named) });
  return { items, total: result.total };
}

/** Activity counts within the caller's organisation; audited like a search. */
export async function searchActivity(ctx: ServiceContext, query: AuditActivityQuery) {
  const result = await activitySummary(ctx.database, scoped(ctx, query));
  await recordSearch(ctx, 'audit.activity', query, query.personId ?? null);
  return result;
}

/** One entry, when the caller's organisation took part in it; otherwise as if it did not exist. */
export async function viewEntry(ctx: ServiceContext, id: string): Promise<AuditEntryDto> {
  const entry = await getEntry(ctx.database, id);
  if (!touches(entry, ctx.principal.organisationId)) throw new NotFoundError('Audit entry');
  await ctx.audit.append(
    [
      {
        action: 'audit.entry.view',
        outcome: 'success',
        actor: auditActor(ctx),
        personId: entry.personId,
        purpose: 'AUDIT',
        target: { type: 'audit_entry', id },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  const [named] = await nameEntries(ctx, [entry]);
  return named ?? entry;
}
