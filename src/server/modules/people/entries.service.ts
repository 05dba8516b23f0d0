import type { DataCategory } from '../../../contracts/enums.ts';
import type { EntryAmend, EntryInput } from '../../../contracts/people.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext } from '../../service-context.ts';
import { decideFor, writePerson } from '../access/index.ts';
import { raiseConsentReview } from '../consent/index.ts';
import { appendEntryVersion, findEntry, findEntryVersions, insertEntry } from './people.repository.ts';
import { openRecord } from './people.service.ts';
import { loadSharingFacts } from './sharing-facts.ts';

/** Record changes that call for the person's consent to be reviewed: a safeguarding concern, a change in risk. */
function reviewTriggerFor(category: DataCategory): 'SAFEGUARDING_CONCERN' | 'RISK_STATUS_CHANGE' | null {
  if (category === 'SAFEGUARDING') return 'SAFEGUARDING_CONCERN';
  if (category === 'RISK_SUMMARY') return 'RISK_STATUS_CHANGE';
  return null;
}

/**
 * Adds an entry to a person's record, owned by the caller's organisation. The edit decision is
 * taken inside the transaction that writes the entry and its audit entry; a refusal is a 403 with
 * the reasons, audited after the rollback.
 */
export async function addEntry(
  ctx: ServiceContext,
  personId: string,
  input: EntryInput,
): Promise<{ id: string }> {
  const id = crypto.randomUUID();
  const owner = ctx.principal.organisationId;
  await writePerson(
    ctx,
    personId,
    {
      extraFacts: loadSharingFacts,
      decide: (q) => decideFor(q, input.category, owner, 'edit'),
      refusal: { action: 'record.edit.deny', categories: [input.category], ownerOrganisationId: owner },
    },
    async (write) => {
      const at = ctx.now.toISOString();
      await insertEntry(
        write,
        { id, category: input.category, organisationId: owner, authorId: ctx.principal.staffId, at },
        input,
      );
      await auditChange(
        ctx,
        write.tx,
        'entry.create',
        { type: 'record_entry', id },
        { personId, categories: [input.category], ownerOrganisationId: owner },
      );
      const trigger = reviewTriggerFor(input.category);
      if (trigger) await raiseConsentReview(ctx, write, trigger);
    },
  );
  return { id };
}

/**
 * Amends an entry: a new version; every earlier version is kept. An entry the caller may not see
 * is a 404; one they may see but not change is a 403 with the reasons.
 */
export async function amendEntry(
  ctx: ServiceContext,
  personId: string,
  entryId: string,
  input: EntryAmend,
): Promise<{ id: string; version: number }> {
  const read = await openRecord(ctx, personId);
  const found = await findEntry(read, entryId);
  if (
    !found ||
    decideFor(read.question, found.category as DataCategory, found.organisation_id).effect === 'deny'
  )
    throw new NotFoundError('Entry');
  const category = found.category as DataCategory;
  const owner = found.organisation_id;
  return writePerson(
    ctx,
    personId,
    {
      extraFacts: loadSharingFacts,
      decide: (q) => decideFor(q, category, owner, 'edit'),
      refusal: { action: 'record.edit.deny', categories: [category], ownerOrganisationId: owner },
    },
    async (write) => {
      const entry = await findEntry(write, entryId);
      if (!entry) throw new NotFoundError('Entry');
      const at = ctx.now.toISOString();
      // The version guard makes concurrent amendments fail instead of silently overwriting.
      const stored = await appendEntryVersion(write, entryId, entry.current_version, {
        ...input,
        authorId: ctx.principal.staffId,
        at,
      });
      if (!stored) throw new ConflictError('The entry changed meanwhile; reload and try again.');
      const version = entry.current_version + 1;
      await auditChange(
        ctx,
        write.tx,
        'entry.amend',
        { type: 'record_entry', id: entryId },
        {
          personId,
          categories: [entry.category],
          ownerOrganisationId: entry.organisation_id,
          details: { version },
        },
      );
      const trigger = reviewTriggerFor(category);
      if (trigger) await raiseConsentReview(ctx, write, trigger);
      return { id: entryId, version };
    },
  );
}

/** Every version of an entry the caller may see. */
export async function entryHistory(ctx: ServiceContext, personId: string, entryId: string) {
  const read = await openRecord(ctx, personId);
  const entry = await findEntry(read, entryId);
  if (
    !entry ||
    decideFor(read.question, entry.category as DataCategory, entry.organisation_id).effect === 'deny'
  )
    throw new NotFoundError('Entry');
  const versions = await findEntryVersions(read, entryId);
  await ctx.audit.append(
    [
      {
        action: 'entry.history.view',
        outcome: 'permit',
        actor: auditActor(ctx),
        personId,
        categories: [entry.category],
        ownerOrganisationId: entry.organisation_id,
        recipientOrganisationId: ctx.principal.organisationId,
        target: { type: 'record_entry', id: entryId },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return versions.map((v) => ({
    version: v.version,
    title: v.title,
    body: v.body,
    authorName: v.author_name,
    recordedAt: v.recorded_at,
    amendmentReason: v.amendment_reason,
  }));
}
