import type { DataCategory } from '../../../contracts/enums.ts';
import type { FieldError } from '../../../contracts/errors.ts';
import type { HandoverDraft, HandoverDto, RecipientCopy } from '../../../contracts/exchange.ts';
import { AppError, ValidationError } from '../../http/errors.ts';
import { auditActor, type ServiceContext, todayOf } from '../../service-context.ts';
import {
  actorOf,
  decideFor,
  openPerson,
  type PersonAccessQuestion,
  type PersonScope,
  writePerson,
} from '../access/index.ts';
import { entryForTransfer } from '../assurance/interface-register.service.ts';
import { findEntry } from '../people/index.ts';
import { loadSharingFacts } from '../people/sharing-facts.ts';
import { missingRequired, type Template, unknownFields } from './exchange.ts';
import { HANDOVER_ROLES, requireRole } from './exchange-access.ts';
import { getHandover } from './handover-read.service.ts';
import { copyAuditEvents, handoverRowsOf } from './handover-rows.ts';
import { insertEscalation, insertHandover } from './handovers.repository.ts';
import { type ResolvedRecipient, resolveRecipient } from './recipient.service.ts';
import { type ComputedCopy, computeRecipientCopy } from './recipient-copy.ts';
import { findServiceManager } from './recipients.repository.ts';
import { findCurrentTemplate } from './templates.repository.ts';

/** What the draft names, checked before the person is opened. */
interface Checked {
  template: Template;
  recipient: ResolvedRecipient;
  /** The register entry of the route outside Accord; null when sent through Accord. */
  interfaceEntryId: string | null;
}

interface Prepared extends Checked {
  copy: ComputedCopy;
  owners: Record<string, string>;
  missing: string[];
}

/** Checks the template, its fields and the recipient: nothing about the person yet. */
async function check(ctx: ServiceContext, draft: HandoverDraft): Promise<Checked> {
  requireRole(ctx, HANDOVER_ROLES, 'Your role does not send handovers.');
  const db = ctx.database.db;
  const template = await findCurrentTemplate(db, draft.template);
  if (!template) throw new ValidationError([{ field: 'body.template', message: 'is not a known template' }]);
  const unknown = [
    ...unknownFields(template, draft.fields).map((k) => `body.fields.${k}`),
    ...unknownFields(template, draft.sources).map((k) => `body.sources.${k}`),
  ];
  if (unknown.length > 0)
    throw new ValidationError(
      unknown.map((field) => ({ field, message: `is not a field of the ${template.name} template` })),
    );
  const recipient = await resolveRecipient(db, draft.recipient, todayOf(ctx));
  return { template, recipient, interfaceEntryId: await routeEntry(ctx, draft, recipient) };
}

/**
 * A handover sent outside Accord (secure email, structured manual transfer) relies on a live
 * entry in the register of interfaces and workarounds: a route nobody documented, owned or
 * risk-assessed, or whose risk review is overdue, is refused before anything is sent.
 */
async function routeEntry(
  ctx: ServiceContext,
  draft: HandoverDraft,
  recipient: ResolvedRecipient,
): Promise<string | null> {
  if (draft.route === 'ACCORD') return null;
  const entry = await entryForTransfer(
    ctx.database.db,
    {
      senderOrganisationId: ctx.principal.organisationId,
      recipientOrganisationId: recipient.organisationId,
      route: draft.route,
    },
    todayOf(ctx),
  );
  if (entry === undefined)
    throw new ValidationError([
      {
        field: 'body.route',
        message:
          'has no live entry in the register of interfaces and workarounds from your organisation to the recipient’s: send through Accord, or ask your IG lead to register the route',
      },
    ]);
  if ('overdue' in entry)
    throw new ValidationError([
      {
        field: 'body.route',
        message: `has a register entry whose risk review is overdue (it was due on ${entry.overdue}): send through Accord until the entry’s owner records the review`,
      },
    ]);
  return entry.covered;
}

/**
 * The owner of each field prefilled from the record: the organisation holding the entry it came
 * from. The entry must be this person's, in the field's category, and one the sender may see.
 */
async function ownersOf(
  scope: PersonScope,
  q: PersonAccessQuestion,
  template: Template,
  sources: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const owners: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const [key, entryId] of Object.entries(sources)) {
    const field = template.fields.find((f) => f.key === key);
    const entry = await findEntry(scope, entryId);
    if (
      !field ||
      !entry ||
      entry.category !== field.category ||
      decideFor(q, entry.category as DataCategory, entry.organisation_id).effect !== 'permit'
    )
      errors.push({
        field: `body.sources.${key}`,
        message: 'is not an entry of this person’s record in the field’s category that you may see',
      });
    else owners[key] = entry.organisation_id;
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return owners;
}

/** Computes the recipient's copy on the facts of the decided scope; refused when nothing may cross. */
async function prepare(
  ctx: ServiceContext,
  draft: HandoverDraft,
  checked: Checked,
  scope: PersonScope,
): Promise<Prepared> {
  const q = scope.question;
  const owners = await ownersOf(scope, q, checked.template, draft.sources);
  const copy = computeRecipientCopy(
    {
      sender: actorOf(ctx.principal),
      lead: checked.recipient.lead,
      personId: draft.personId,
      recipientOrganisationId: checked.recipient.organisationId,
      purpose: draft.purpose,
      at: ctx.now.toISOString(),
      facts: q.facts,
      policy: q.policy.tiers,
    },
    checked.template,
    draft.fields,
    owners,
  );
  if (!copy.decisions.some((d) => d.permitted)) {
    // Refused with the reasons, never sent empty.
    const reasons = new Map<string, string>();
    for (const f of copy.fields) for (const r of f.withheld?.reasons ?? []) reasons.set(r.code, r.message);
    const errors: FieldError[] = [...reasons].map(([code, message]) => ({
      field: 'body.recipient.organisationId',
      message: `${code}: ${message}`,
    }));
    throw new AppError('VALIDATION_FAILED', 422, 'The recipient may receive none of this handover.', errors);
  }
  return { ...checked, copy, owners, missing: missingRequired(checked.template, draft.fields) };
}

/** Exactly the copy the recipient would get, without sending anything. */
export async function previewHandover(ctx: ServiceContext, draft: HandoverDraft): Promise<RecipientCopy> {
  const checked = await check(ctx, draft);
  const read = await openPerson(ctx, draft.personId, {
    purpose: draft.purpose,
    extraFacts: loadSharingFacts,
  });
  const p = await prepare(ctx, draft, checked, read);
  await ctx.audit.append(
    [
      {
        action: 'handover.preview',
        outcome: 'success',
        actor: auditActor(ctx),
        personId: draft.personId,
        purpose: draft.purpose,
        recipientOrganisationId: p.recipient.organisationId,
        categories: [...new Set(p.copy.decisions.filter((d) => d.permitted).map((d) => d.category))],
        details: { template: p.template.key },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return {
    template: draft.template,
    recipientOrganisationId: p.recipient.organisationId,
    purpose: draft.purpose,
    fields: p.copy.fields,
    missingRequired: p.missing,
  };
}

/**
 * Sends a handover. The person is opened and the copy decided inside the send's own transaction,
 * so a change to consent, agreements or the care team since the preview cannot slip past. Missing
 * required fields block it, each named, unless the sender marks it "information missing", which
 * raises an escalation to their service manager in the same transaction.
 */
export async function sendHandover(ctx: ServiceContext, draft: HandoverDraft): Promise<HandoverDto> {
  const checked = await check(ctx, draft);
  const id = crypto.randomUUID();
  await writePerson(
    ctx,
    draft.personId,
    { purpose: draft.purpose, extraFacts: loadSharingFacts },
    async (write) => {
      const p = await prepare(ctx, draft, checked, write);
      if (p.missing.length > 0 && !draft.informationMissing)
        throw new ValidationError(
          p.missing.map((k) => ({ field: `body.fields.${k}`, message: 'is required' })),
          'Required fields are missing: complete them, or send marked "information missing".',
        );
      const { handover, fields } = handoverRowsOf(
        ctx,
        id,
        draft,
        p.template,
        p.recipient,
        p.copy,
        p.missing,
        p.owners,
      );
      await insertHandover(write, { ...handover, interface_entry_id: checked.interfaceEntryId }, fields);
      const events = copyAuditEvents(ctx, handover, p.copy);
      if (handover.information_missing === 1) {
        const manager = await findServiceManager(write.tx, ctx.principal.organisationId);
        await insertEscalation(write, {
          id: crypto.randomUUID(),
          handover_id: id,
          tier: 1,
          reason: 'INFORMATION_MISSING',
          escalated_at: handover.sent_at,
          to_staff_id: manager ?? null,
          notify_staff_id: null,
          resolved_at: null,
        });
        events.push({
          action: 'handover.escalate',
          outcome: 'success',
          actor: auditActor(ctx),
          personId: draft.personId,
          target: { type: 'handover', id },
          details: {
            reason: 'INFORMATION_MISSING',
            tier: 1,
            manager: manager !== undefined,
            missing: p.missing.length,
          },
        });
      }
      await ctx.audit.appendInTransaction(write.tx, events, ctx.now, ctx.requestId);
    },
  );
  return getHandover(ctx, id, { audit: false });
}
