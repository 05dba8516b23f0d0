/**
 * Recording contacts and visits. Each is day-to-day support data owned by the recorder's
 * organisation, with the time it happened and the time it was entered, so a late entry is honest.
 * A missed appointment or medication-support visit becomes a signal of its own, in the same
 * transaction, and the escalation rules are evaluated.
 */
import {
  CONTACT_CATEGORY,
  CONTACT_TYPE_LABELS,
  type ContactAttendanceInput,
  type ContactInput,
  type ContactType,
  type SignalPrompt,
} from '../../../contracts/signals.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { decideFor, type PersonWrite, writePerson } from '../access/index.ts';
import { loadSharingFacts } from '../people/index.ts';
import { findContact, insertContact, recordContactOutcome } from './contacts.repository.ts';
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
      if (signalId)
        await deriveSignal(ctx, write, { id: signalId, contactId: id, type: input.type, owner, occurredAt });
    },
  );
  return { id, derivedSignalId: signalId };
}

/** Records the signal a missed contact becomes, and evaluates the rules after it. */
async function deriveSignal(
  ctx: ServiceContext,
  write: PersonWrite,
  d: { id: string; contactId: string; type: ContactType; owner: string; occurredAt: string },
): Promise<void> {
  const prompt = derivedPrompt(d.type);
  await insertSignal(write, {
    id: d.id,
    organisation_id: d.owner,
    category: CONTACT_CATEGORY,
    prompt,
    observation: `Did not attend: ${CONTACT_TYPE_LABELS[d.type].toLowerCase()}.`,
    observed_at: d.occurredAt,
    entered_at: ctx.now.toISOString(),
    recorded_by: ctx.principal.staffId,
    contact_id: d.contactId,
  });
  await auditChange(
    ctx,
    write.tx,
    'signal.derive',
    { type: 'risk_signal', id: d.id },
    {
      personId: write.personId,
      categories: [CONTACT_CATEGORY],
      ownerOrganisationId: d.owner,
      details: { prompt, contactId: d.contactId },
    },
  );
  await evaluateAfterSignal(ctx, write, d.occurredAt);
}

/**
 * Records how a scheduled contact went, by its own organisation, once it has happened. A contact
 * the caller may not see is a 404; one already recorded is a 409 naming it.
 */
export async function recordAttendance(
  ctx: ServiceContext,
  personId: string,
  contactId: string,
  input: ContactAttendanceInput,
): Promise<{ id: string; derivedSignalId: string | null }> {
  const owner = ctx.principal.organisationId;
  const signalId = input.outcome === 'DID_NOT_ATTEND' ? crypto.randomUUID() : null;
  await writePerson(
    ctx,
    personId,
    {
      extraFacts: loadSharingFacts,
      decide: (q) => decideFor(q, CONTACT_CATEGORY, owner, 'edit'),
      refusal: { action: 'record.edit.deny', categories: [CONTACT_CATEGORY], ownerOrganisationId: owner },
    },
    async (write) => {
      const contact = await findContact(write, contactId);
      if (!contact || contact.organisation_id !== owner) throw new NotFoundError('Contact');
      if (
        input.outcome !== 'CANCELLED_BY_SERVICE' &&
        input.outcome !== 'CANCELLED_BY_PERSON' &&
        Date.parse(contact.occurred_at) > ctx.now.getTime()
      )
        throw new ValidationError([
          { field: 'body.outcome', message: 'cannot be recorded before the contact is due' },
        ]);
      if (
        contact.outcome !== 'SCHEDULED' ||
        !(await recordContactOutcome(write, contactId, input.outcome, ctx.now.toISOString()))
      )
        throw new ConflictError('How this contact went is already recorded; nothing was changed.', [
          { field: 'params.contactId', message: 'already has its attendance recorded' },
        ]);
      await auditChange(
        ctx,
        write.tx,
        'contact.attendance',
        { type: 'care_contact', id: contactId },
        {
          personId,
          categories: [CONTACT_CATEGORY],
          ownerOrganisationId: owner,
          details: { outcome: input.outcome },
        },
      );
      if (signalId)
        await deriveSignal(ctx, write, {
          id: signalId,
          contactId,
          type: contact.type as ContactType,
          owner,
          occurredAt: contact.occurred_at,
        });
    },
  );
  return { id: contactId, derivedSignalId: signalId };
}
