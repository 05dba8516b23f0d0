/**
 * Recording risk signals. A signal is person data of its category, owned by the recorder's
 * organisation: the edit decision is taken inside the transaction that stores it, and the
 * escalation rules are evaluated in the same transaction, so an alert exists exactly when the
 * signals that raise it do.
 */
import type { DataCategory } from '../../../contracts/enums.ts';
import { SIGNAL_PROMPT_CATEGORIES, type SignalInput } from '../../../contracts/signals.ts';
import type { Db } from '../../db/database.ts';
import { ValidationError } from '../../http/errors.ts';
import { auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import { decideFor, type PersonWrite, writePerson } from '../access/index.ts';
import { loadSharingFacts } from '../people/index.ts';
import { raiseAlerts } from './escalation-raise.ts';
import { insertSignal, lockPersonForEvaluation } from './signals.repository.ts';

/** Refuses a time after now, naming the field. */
export function refuseFuture(ctx: ServiceContext, at: string, field: string): void {
  if (Date.parse(at) > ctx.now.getTime())
    throw new ValidationError([{ field, message: 'must not be in the future' }]);
}

/** Evaluates the rules for the person after a signal observed at `endAt`, and audits what it raised. */
export async function evaluateAfterSignal(
  ctx: ServiceContext,
  write: PersonWrite,
  endAt: string,
): Promise<void> {
  await lockPersonForEvaluation(write);
  const { events } = await raiseAlerts(
    { write },
    write.tx as unknown as Db,
    write.loaded.memberships,
    endAt,
    ctx.now,
    todayOf(ctx),
  );
  if (events.length > 0)
    await ctx.audit.appendInTransaction(write.tx as unknown as Db, events, ctx.now, ctx.requestId);
}

/** Records a signal from the agreed prompts, owned by the caller's organisation. */
export async function recordSignal(
  ctx: ServiceContext,
  personId: string,
  input: SignalInput,
): Promise<{ id: string }> {
  refuseFuture(ctx, input.observedAt, 'body.observedAt');
  const category: DataCategory = input.category ?? SIGNAL_PROMPT_CATEGORIES[input.prompt];
  const owner = ctx.principal.organisationId;
  const id = crypto.randomUUID();
  const observedAt = new Date(input.observedAt).toISOString();
  await writePerson(
    ctx,
    personId,
    {
      extraFacts: loadSharingFacts,
      decide: (q) => decideFor(q, category, owner, 'edit'),
      refusal: { action: 'record.edit.deny', categories: [category], ownerOrganisationId: owner },
    },
    async (write) => {
      await insertSignal(write, {
        id,
        organisation_id: owner,
        category,
        prompt: input.prompt,
        observation: input.observation,
        observed_at: observedAt,
        entered_at: ctx.now.toISOString(),
        recorded_by: ctx.principal.staffId,
        contact_id: null,
      });
      await auditChange(
        ctx,
        write.tx,
        'signal.record',
        { type: 'risk_signal', id },
        { personId, categories: [category], ownerOrganisationId: owner, details: { prompt: input.prompt } },
      );
      await evaluateAfterSignal(ctx, write, observedAt);
    },
  );
  return { id };
}
