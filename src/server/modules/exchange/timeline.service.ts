/**
 * A person's handover timeline: who sent what to whom, when, which categories crossed or were
 * withheld, and what followed (acknowledgement, escalations, actions). No field content: each
 * handover's copy is read through the handover itself by its parties.
 */
import type { DataCategory } from '../../../contracts/enums.ts';
import type {
  HandoverRoute,
  HandoverStatus,
  TemplateKey,
  TimelineEntry,
} from '../../../contracts/exchange.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import { openPerson } from '../access/index.ts';
import { findHandoversForPerson, findTimelineFacts } from './handovers.repository.ts';
import { findOrganisationNames } from './recipients.repository.ts';

/** The newest handovers about a person the caller may know (404 otherwise). */
export async function personTimeline(
  ctx: ServiceContext,
  personId: string,
): Promise<{ items: TimelineEntry[] }> {
  const db = ctx.database.db;
  const read = await openPerson(ctx, personId);
  // Only the handovers the caller's organisation sent or received: that a partner referred the
  // person elsewhere (a safeguarding referral, say) is itself the partner's information.
  const org = ctx.principal.organisationId;
  const rows = (await findHandoversForPerson(read, 100)).filter(
    (r) => r.sender_org_id === org || r.recipient_org_id === org,
  );
  const ids = rows.map((r) => r.id);
  const [facts, names] = await Promise.all([
    findTimelineFacts(read, ids),
    findOrganisationNames(db, [...new Set(rows.flatMap((r) => [r.sender_org_id, r.recipient_org_id]))]),
  ]);
  const cats = (id: string, disclosed: number) => [
    ...new Set(
      facts.fields
        .filter((f) => f.handover_id === id && f.disclosed === disclosed)
        .map((f) => f.category as DataCategory),
    ),
  ];
  const items = rows.map(
    (r): TimelineEntry => ({
      id: r.id,
      template: r.template_key as TemplateKey,
      senderOrganisationId: r.sender_org_id,
      senderOrganisationName: names.get(r.sender_org_id) ?? '',
      recipientOrganisationId: r.recipient_org_id,
      recipientOrganisationName: names.get(r.recipient_org_id) ?? '',
      route: r.route as HandoverRoute,
      sentAt: r.sent_at,
      dueAt: r.due_at,
      status: r.status as HandoverStatus,
      acknowledgedAt: r.acknowledged_at,
      categoriesShared: cats(r.id, 1),
      categoriesWithheld: cats(r.id, 0),
      escalations: facts.escalations.filter((e) => e === r.id).length,
      actions: facts.actions.filter((a) => a === r.id).length,
    }),
  );
  await ctx.audit.append(
    [
      {
        action: 'handover.timeline',
        outcome: 'success',
        actor: auditActor(ctx),
        personId,
        details: { shown: items.length },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return { items };
}
