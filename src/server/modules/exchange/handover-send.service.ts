import type { FieldError } from '../../../contracts/errors.ts';
import type { HandoverDraft, HandoverDto, RecipientCopy } from '../../../contracts/exchange.ts';
import { AppError, ValidationError } from '../../http/errors.ts';
import { auditActor, type ServiceContext, todayOf } from '../../service-context.ts';
import { actorOf, openPerson } from '../access/index.ts';
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

interface Prepared {
  template: Template;
  recipient: ResolvedRecipient;
  copy: ComputedCopy;
  missing: string[];
}

/** Checks the draft and computes the recipient's copy; shared by preview and send. */
async function prepare(ctx: ServiceContext, draft: HandoverDraft): Promise<Prepared> {
  requireRole(ctx, HANDOVER_ROLES, 'Your role does not send handovers.');
  const db = ctx.database.db;
  const template = await findCurrentTemplate(db, draft.template);
  if (!template) throw new ValidationError([{ field: 'body.template', message: 'is not a known template' }]);
  const unknown = unknownFields(template, draft.fields);
  if (unknown.length > 0)
    throw new ValidationError(
      unknown.map((k) => ({
        field: `body.fields.${k}`,
        message: `is not a field of the ${template.name} template`,
      })),
    );
  const recipient = await resolveRecipient(db, draft.recipient, todayOf(ctx));
  const { question: q } = await openPerson(ctx, draft.personId, {
    purpose: draft.purpose,
    extraFacts: loadSharingFacts,
  });
  const copy = computeRecipientCopy(
    {
      sender: actorOf(ctx.principal),
      lead: recipient.lead,
      personId: draft.personId,
      recipientOrganisationId: recipient.organisationId,
      purpose: draft.purpose,
      at: ctx.now.toISOString(),
      facts: q.facts,
      policy: q.policy.tiers,
    },
    template,
    draft.fields,
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
  return { template, recipient, copy, missing: missingRequired(template, draft.fields) };
}

/** Exactly the copy the recipient would get, without sending anything. */
export async function previewHandover(ctx: ServiceContext, draft: HandoverDraft): Promise<RecipientCopy> {
  const p = await prepare(ctx, draft);
  await ctx.audit.append(
    [
      {
        action: 'handover.preview',
        outcome: 'success',
        actor: auditActor(ctx),
        personId: draft.personId,
        purpose: draft.purpose,
        recipientOrganisationId: p.recipient.organisationId,
        categories: p.copy.decisions.filter((d) => d.permitted).map((d) => d.category),
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
 * Sends a handover. Missing required fields block it, each named, unless the sender marks it
 * "information missing", which raises an escalation to their service manager in the same transaction.
 */
export async function sendHandover(ctx: ServiceContext, draft: HandoverDraft): Promise<HandoverDto> {
  const p = await prepare(ctx, draft);
  if (p.missing.length > 0 && !draft.informationMissing)
    throw new ValidationError(
      p.missing.map((k) => ({ field: `body.fields.${k}`, message: 'is required' })),
      'Required fields are missing: complete them, or send marked "information missing".',
    );
  const id = crypto.randomUUID();
  const { handover, fields } = handoverRowsOf(ctx, id, draft, p.template, p.recipient, p.copy, p.missing);
  await ctx.database.db.transaction().execute(async (tx) => {
    await insertHandover(tx, handover, fields);
    const events = copyAuditEvents(ctx, handover, p.copy);
    if (handover.information_missing === 1) {
      const manager = await findServiceManager(tx, ctx.principal.organisationId);
      await insertEscalation(tx, {
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
    await ctx.audit.appendInTransaction(tx, events, ctx.now, ctx.requestId);
  });
  return getHandover(ctx, id, { audit: false });
}
