/**
 * Reading handovers. A handover is seen by its parties only: the sender, the receiving lead and
 * named recipient, the recipient organisation's service managers, whoever it was escalated to,
 * and the service manager it was sampled for.
 * To anyone else it does not exist (404), since even its existence says something about the person.
 */

import type { DataCategory } from '../../../contracts/enums.ts';
import type { HandoverDto } from '../../../contracts/exchange.ts';
import { NotFoundError } from '../../http/errors.ts';
import { auditActor, type ServiceContext, todayOf } from '../../service-context.ts';
import {
  type ListAccess,
  openList,
  partnershipPolicy,
  type ReasonCode,
  reasonFor,
  type TierPolicy,
} from '../access/index.ts';
import type { AuditAction } from '../audit/audit-actions.ts';
import type { HandoverFieldRow, HandoverRow } from './exchange.tables.ts';
import { presentHandover, presentSummary } from './handover.presenter.ts';
import {
  findHandoverFields,
  findHandoverForParty,
  findHandoversFor,
  findHandoverWork,
  handoverSubjectOf,
  isEscalationParty,
} from './handovers.repository.ts';
import { isServiceManagerAt } from './recipients.repository.ts';
import { isSampledFor } from './sampling.repository.ts';

/** How the caller stands to a handover. */
export interface Standing {
  readonly party: boolean;
  readonly mayAcknowledge: boolean;
}

/** Whether the caller is a party, and whether they are the lead or the lead's manager. */
export async function standingOf(ctx: ServiceContext, list: ListAccess, h: HandoverRow): Promise<Standing> {
  const me = ctx.principal.staffId;
  // The account rule of every read: an inactive account or lapsed IG training is party to nothing.
  const training = ctx.principal.igTrainingExpiresOn;
  if (!ctx.principal.active || training === null || training < todayOf(ctx))
    return { party: false, mayAcknowledge: false };
  const manager = await isServiceManagerAt(ctx.database.db, me, h.recipient_org_id);
  const mayAcknowledge = h.lead_staff_id === me || manager;
  const party =
    mayAcknowledge ||
    h.sender_staff_id === me ||
    h.recipient_staff_id === me ||
    (await isEscalationParty(list, h.id)) ||
    (await isSampledFor(list, h.id));
  return { party, mayAcknowledge };
}

/**
 * The copy as this reader may see it. It was decided field by field for the sender and the named
 * lead; anyone else party to it (a manager, an escalation reader) sees a field only when their own
 * role tier holds its category, and a restricted category only in a designated role.
 */
export function forReader(
  ctx: ServiceContext,
  h: HandoverRow,
  fields: readonly HandoverFieldRow[],
  tiers: TierPolicy,
): HandoverFieldRow[] {
  const me = ctx.principal.staffId;
  if (me === h.sender_staff_id || me === h.lead_staff_id) return [...fields];
  const tier = new Set(ctx.principal.roles.flatMap((r) => tiers.tiers[r] ?? []));
  return fields.map((f) => {
    if (f.disclosed !== 1) return f;
    const category = f.category as DataCategory;
    const rule = tiers.restricted[category];
    const code: ReasonCode | null = !tier.has(category)
      ? 'ROLE_TIER_EXCLUDES_CATEGORY'
      : rule && !ctx.principal.roles.some((r) => rule.viewRoles.includes(r))
        ? 'RESTRICTED_CATEGORY_ROLE'
        : null;
    if (code === null) return f;
    return { ...f, disclosed: 0, value: null, withheld_reasons: JSON.stringify([reasonFor(code)]) };
  });
}

/**
 * A handover the caller is party to, with the standing that found it; 404 otherwise. A refused
 * attempt at a handover that exists is audited against its person.
 */
export async function openHandover(
  ctx: ServiceContext,
  id: string,
  action: AuditAction = 'handover.view',
): Promise<{ h: HandoverRow; list: ListAccess; standing: Standing }> {
  const list = await openList(ctx, 'caseload', action);
  if (!list) throw new NotFoundError('Handover');
  const h = await findHandoverForParty(list, id);
  const standing = h ? await standingOf(ctx, list, h) : { party: false, mayAcknowledge: false };
  if (h && standing.party) return { h, list, standing };
  const personId = h?.person_id ?? (await handoverSubjectOf(list, id));
  if (personId)
    await ctx.audit.append(
      [
        {
          action,
          outcome: 'deny',
          actor: auditActor(ctx),
          personId,
          target: { type: 'handover', id },
          reasons: ['NOT_PARTY_TO_HANDOVER'],
        },
      ],
      ctx.now,
      ctx.requestId,
    );
  throw new NotFoundError('Handover');
}

/** A handover the caller is party to; 404 otherwise. */
export async function getHandover(
  ctx: ServiceContext,
  id: string,
  options: { audit?: boolean } = {},
): Promise<HandoverDto> {
  const { h, list, standing } = await openHandover(ctx, id);
  const [stored, work, policy] = await Promise.all([
    findHandoverFields(list, id),
    findHandoverWork(list, id),
    partnershipPolicy(ctx.database.db),
  ]);
  const fields = forReader(ctx, h, stored, policy.tiers);
  if (options.audit !== false) {
    await ctx.audit.append(
      [
        {
          action: 'handover.view',
          outcome: 'success',
          actor: auditActor(ctx),
          personId: h.person_id,
          categories: [...new Set(fields.filter((f) => f.disclosed === 1).map((f) => f.category))],
          purpose: h.purpose,
          target: { type: 'handover', id },
        },
      ],
      ctx.now,
      ctx.requestId,
    );
  }
  return presentHandover(
    h,
    fields,
    work.actions,
    work.escalations,
    ctx.now,
    standing.mayAcknowledge && h.status === 'sent',
  );
}

/** The caller's incoming (they lead) or sent handovers, newest first, one audit entry for the page. */
export async function listHandovers(
  ctx: ServiceContext,
  box: 'incoming' | 'sent',
  limit: number,
): Promise<{ items: ReturnType<typeof presentSummary>[] }> {
  const list = await openList(ctx, 'caseload', 'handover.list');
  if (!list) return { items: [] };
  const rows = await findHandoversFor(list, box, limit);
  // One entry per handover shown, about its person, written as one batch.
  if (rows.length > 0)
    await ctx.audit.append(
      rows.map((h) => ({
        action: 'handover.list',
        outcome: 'success' as const,
        actor: auditActor(ctx),
        personId: h.person_id,
        target: { type: 'handover', id: h.id },
        details: { box },
      })),
      ctx.now,
      ctx.requestId,
    );
  return {
    items: rows.map((h) => presentSummary(h, ctx.now, box === 'incoming' && h.status === 'sent')),
  };
}
