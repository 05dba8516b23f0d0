/**
 * Recording contacts and visits. Each is day-to-day support data owned by the recorder's
 * organisation, with the time it happened and the time it was entered, so a late entry is honest.
 * A missed appointment or medication-support visit becomes a signal of its own, in the same
 * transaction, and the escalation rules are evaluated.
 */
import {
  CONTACT_CATEGORY,
  CONTACT_TYPE_LABELS,
  type ContactInput,
  type ContactType,
  type SignalPrompt,
} from '../../../contracts/signals.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { decideFor, writePerson } from '../access/index.ts';
import { loadSharingFacts } from '../people/index.ts';
import { insertContact } from './contacts.repository.ts';
import { insertSignal } from './signals.repository.ts';
import { evaluateAfterSignal, refuseFuture } from './signals.service.ts';

/** The signal a missed contact becomes. */
export function derivedPrompt(type: ContactType): SignalPrompt {
  return type === 'MEDICATION_SUPPORT_VISIT' ? 'MISSED_MEDICATION_SUPPORT' : 'MISSED_APPOINTMENT';
}

/** Schedules or records a contact; a contact that did not happen yet can only be scheduled. */
export async function recordContact(
  ctx: ServiceContext,
  personId: string,
  input: ContactInput,
): Promise<{ id: string; derivedSignalId: string | null }> {
  if (input.outcome !== 'SCHEDULED') refuseFuture(ctx, input.occurredAt, 'body.occurredAt');
  const owner = ctx.principal.organisationId;
  const id = crypto.randomUUID();
  const occurredAt = new Date(input.occurredAt).toISOString();
  const missed = input.outcome === 'DID_NOT_ATTEND';
  const signalId = missed ? crypto.randomUUID() : null;
  await writePerson(
    ctx,
    personId,
    {
      extraFacts: loadSharingFacts,
      decide: (q) => decideFor(q, CONTACT_CATEGORY, owner, 'edit'),
      refusal: { action: 'record.edit.deny', categories: [CONTACT_CATEGORY], ownerOrganisationId: owner },
    },
    async (write) => {
      const enteredAt = ctx.now.toISOString();
      await insertContact(write, {
        id,
        organisation_id: owner,
        category: CONTACT_CATEGORY,
        type: input.type,
        outcome: input.outcome,
        occurred_at: occurredAt,
        entered_at: enteredAt,
        recorded_by: ctx.principal.staffId,
        note: input.note ?? null,
      });
      await auditChange(
        ctx,
        write.tx,
        'contact.record',
        { type: 'care_contact', id },
        {
          personId,
          categories: [CONTACT_CATEGORY],
          ownerOrganisationId: owner,
          details: { type: input.type, outcome: input.outcome },
        },
      );
      if (!signalId) return;
      const prompt = derivedPrompt(input.type);
      await insertSignal(write, {
        id: signalId,
        organisation_id: owner,
        category: CONTACT_CATEGORY,
        prompt,
        observation: `Did not attend: ${CONTACT_TYPE_LABELS[input.type].toLowerCase()}.`,
        observed_at: occurredAt,
        entered_at: enteredAt,
        recorded_by: ctx.principal.staffId,
        contact_id: id,
      });
      await auditChange(
        ctx,
        write.tx,
        'signal.derive',
        { type: 'risk_signal', id: signalId },
        {
          personId,
          categories: [CONTACT_CATEGORY],
          ownerOrganisationId: owner,
          details: { prompt, contactId: id },
        },
      );
      await evaluateAfterSignal(ctx, write, occurredAt);
    },
  );
  return { id, derivedSignalId: signalId };
}
