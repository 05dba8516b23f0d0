import type { DataCategory } from '../../../contracts/enums.ts';
import type { EntryAmend, EntryInput } from '../../../contracts/people.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext } from '../../service-context.ts';
import { decideFor, type PersonAccessQuestion } from '../access/person-access.ts';
import { raiseConsentReview } from '../consent/index.ts';
import { findEntryVersions } from './people.repository.ts';
import { questionFor } from './people.service.ts';

/** Record changes that call for the person's consent to be reviewed: a safeguarding concern, a change in risk. */
function reviewTriggerFor(category: DataCategory): 'SAFEGUARDING_CONCERN' | 'RISK_STATUS_CHANGE' | null {
  if (category === 'SAFEGUARDING') return 'SAFEGUARDING_CONCERN';
  if (category === 'RISK_SUMMARY') return 'RISK_STATUS_CHANGE';
  return null;
}

/** Asks for an edit permit; a denial is audited and refused. Call outside any transaction. */
async function requireEdit(
  ctx: ServiceContext,
  q: PersonAccessQuestion,
  category: DataCategory,
  owner: string,
): Promise<void> {
  const decision = decideFor(q, category, owner, 'edit');
  if (decision.effect === 'permit') return;
  await ctx.audit.append(
    [
      {
        action: 'record.edit.deny',
        outcome: 'deny',
        actor: auditActor(ctx),
        personId: q.personId,
        categories: [category],
        purpose: q.purpose,
        ownerOrganisationId: owner,
        recipientOrganisationId: ctx.principal.organisationId,
        reasons: decision.reasons.map((r) => r.code),
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  throw new ForbiddenError(decision.reasons[0]?.message ?? 'You may not write this kind of entry.');
}

/** Adds an entry to a person's record, owned by the caller's organisation. */
export async function addEntry(
  ctx: ServiceContext,
  personId: string,
  input: EntryInput,
): Promise<{ id: string }> {
  const id = crypto.randomUUID();
  const q = await questionFor(ctx, ctx.database.db, personId);
  await requireEdit(ctx, q, input.category, ctx.principal.organisationId);
  await ctx.database.db.transaction().execute(async (tx) => {
    await questionFor(ctx, tx, personId, false);
    const now = ctx.now.toISOString();
    await tx
      .insertInto('record_entries')
      .values({
        id,
        person_id: personId,
        category: input.category,
        organisation_id: ctx.principal.organisationId,
        current_version: 1,
        created_at: now,
        created_by: ctx.principal.staffId,
        updated_at: now,
      })
      .execute();
    await tx
      .insertInto('record_entry_versions')
      .values({
        entry_id: id,
        version: 1,
        title: input.title,
        body: input.body,
        author_id: ctx.principal.staffId,
        recorded_at: now,
        amendment_reason: null,
      })
      .execute();
    await auditChange(
      ctx,
      tx,
      'entry.create',
      { type: 'record_entry', id },
      { personId, categories: [input.category], ownerOrganisationId: ctx.principal.organisationId },
    );
    const trigger = reviewTriggerFor(input.category);
    if (trigger) await raiseConsentReview(ctx, tx, personId, trigger);
  });
  return { id };
}

/** Amends an entry: a new version; every earlier version is kept. */
export async function amendEntry(
  ctx: ServiceContext,
  personId: string,
  entryId: string,
  input: EntryAmend,
): Promise<{ id: string; version: number }> {
  let version = 0;
  const q = await questionFor(ctx, ctx.database.db, personId);
  const found = await ctx.database.db
    .selectFrom('record_entries')
    .select(['category', 'organisation_id'])
    .where('id', '=', entryId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (!found || decideFor(q, found.category as DataCategory, found.organisation_id).effect === 'deny') {
    throw new NotFoundError('Entry');
  }
  await requireEdit(ctx, q, found.category as DataCategory, found.organisation_id);
  await ctx.database.db.transaction().execute(async (tx) => {
    await questionFor(ctx, tx, personId, false);
    const entry = await tx
      .selectFrom('record_entries')
      .select(['category', 'organisation_id', 'current_version'])
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    version = entry.current_version + 1;
    const now = ctx.now.toISOString();
    await tx
      .insertInto('record_entry_versions')
      .values({
        entry_id: entryId,
        version,
        title: input.title,
        body: input.body,
        author_id: ctx.principal.staffId,
        recorded_at: now,
        amendment_reason: input.reason,
      })
      .execute();
    // The version guard makes concurrent amendments fail instead of silently overwriting.
    const result = await tx
      .updateTable('record_entries')
      .set({ current_version: version, updated_at: now })
      .where('id', '=', entryId)
      .where('current_version', '=', entry.current_version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new ConflictError('The entry changed meanwhile; reload and try again.');
    await auditChange(
      ctx,
      tx,
      'entry.amend',
      { type: 'record_entry', id: entryId },
      {
        personId,
        categories: [entry.category],
        ownerOrganisationId: entry.organisation_id,
        details: { version },
      },
    );
    const trigger = reviewTriggerFor(entry.category as DataCategory);
    if (trigger) await raiseConsentReview(ctx, tx, personId, trigger);
  });
  return { id: entryId, version };
}

/** Every version of an entry the caller may see. */
export async function entryHistory(ctx: ServiceContext, personId: string, entryId: string) {
  const { db } = ctx.database;
  const q = await questionFor(ctx, db, personId);
  const entry = await db
    .selectFrom('record_entries')
    .select(['category', 'organisation_id'])
    .where('id', '=', entryId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (!entry || decideFor(q, entry.category as DataCategory, entry.organisation_id).effect === 'deny')
    throw new NotFoundError('Entry');
  const versions = await findEntryVersions(db, entryId);
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
