/**
 * Use-cases of data sharing agreements. Every change adds a version in one transaction with its
 * audit entry; nothing is deleted. Reads need no decision: agreements are partnership governance
 * documents and hold no personal data about the people supported.
 */
import type {
  Agreement,
  AgreementInput,
  AgreementListQuery,
  AgreementSummary,
  AgreementUpdate,
} from '../../../contracts/agreements.ts';
import type { AgreementStatus } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import {
  bumpPartnershipVersion,
  changeActorOf,
  changeWithAuthority,
  type SharingAgreementFact,
} from '../access/index.ts';
import { activationGaps, auditingRejection } from './agreement-lifecycle.service.ts';
import { organisationReferences, termsFromInput } from './agreement-terms.ts';
import { organisationIdsOf, presentAgreement, presentSummary } from './agreements.presenter.ts';
import {
  type AgreementRecord,
  appendVersion,
  findAgreement,
  findCurrentAgreements,
  findVersionHistory,
  insertAgreement,
  insertVersion,
  organisationNames,
} from './agreements.repository.ts';
import {
  type ActivationProblem,
  type AgreementTerms,
  type AgreementVersion,
  activationProblems,
  canTransition,
  effectiveStatus,
  isAmendable,
  toFact,
  ukToday,
} from './agreements.ts';

/** Refuses terms naming an organisation the directory does not hold, naming each field. */
async function requireOrganisations(db: Db, terms: AgreementTerms): Promise<void> {
  const refs = organisationReferences(terms);
  const known = await organisationNames(
    db,
    refs.map((r) => r.id),
  );
  const errors = refs
    .filter((r) => !known.has(r.id))
    .map((r) => ({ field: `body.${r.field}`, message: 'no organisation has this id' }));
  if (errors.length > 0) throw new ValidationError(errors);
}

function incomplete(problems: readonly ActivationProblem[], message: string): ValidationError {
  return new ValidationError(
    problems.map((p) => ({ field: `body.${p.path}`, message: p.message })),
    message,
  );
}

/** "A draft", "An active": the status with its article, for messages. */
function described(status: AgreementStatus): string {
  return `${/^[aeiou]/.test(status) ? 'An' : 'A'} ${status}`;
}

async function requireAgreement(db: Db, id: string): Promise<AgreementRecord> {
  const record = await findAgreement(db, id);
  if (!record) throw new NotFoundError('Agreement');
  return record;
}

/** Adds the next version; a concurrent change that got there first makes this one a conflict. */
async function append(tx: Db, v: AgreementVersion): Promise<void> {
  if (!(await appendVersion(tx, v)))
    throw new ConflictError('The agreement was changed by someone else. Reload it and try again.');
}

/** The organisations party to an agreement's terms: only their IG leads change it. */
function partiesOf(terms: Pick<AgreementTerms, 'parties'>): string[] {
  return terms.parties.map((p) => p.organisationId);
}

/** Records a new agreement as a draft, however complete it is. */
export async function createAgreement(ctx: ServiceContext, input: AgreementInput): Promise<Agreement> {
  const terms = termsFromInput(input);
  const id = crypto.randomUUID();
  const at = ctx.now.toISOString();
  await changeWithAuthority(ctx, async (tx, authorize) => {
    await requireOrganisations(tx, terms);
    authorize(
      { kind: 'agreement.create', actor: await changeActorOf(ctx, tx), parties: partiesOf(terms) },
      { action: 'agreement.create', target: { type: 'agreement', id } },
    );
    await insertAgreement(tx, { id, status: 'draft', at }, ukToday(ctx.now).slice(0, 4));
    const first: AgreementVersion = {
      ...terms,
      agreementId: id,
      version: 1,
      status: 'draft',
      changeNote: input.changeNote ?? 'Created',
      createdBy: ctx.principal.staffId,
      createdAt: at,
    };
    if (!(await insertVersion(tx, first))) throw new ConflictError('The agreement could not be recorded.');
    // Every process re-reads partnership-wide facts at its next decision.
    await bumpPartnershipVersion(tx);
    await auditChange(
      ctx,
      tx,
      'agreement.create',
      { type: 'agreement', id },
      { details: { version: 1, status: 'draft' } },
    );
  });
  return getAgreement(ctx, id);
}

/**
 * Records new terms as the next version. Drafts may be edited freely; an active agreement may be
 * amended only into terms that are still complete, so it never stays active while incomplete.
 */
export async function updateAgreement(
  ctx: ServiceContext,
  id: string,
  input: AgreementUpdate,
): Promise<Agreement> {
  const terms = termsFromInput(input);
  await changeWithAuthority(ctx, async (tx, authorize) => {
    const { current } = await requireAgreement(tx, id);
    const actor = await changeActorOf(ctx, tx);
    // A party amends only terms it stays party to: it cannot write itself out, nor others in alone.
    for (const parties of [partiesOf(current), partiesOf(terms)])
      authorize(
        { kind: 'agreement.update', actor, parties },
        { action: 'agreement.update', target: { type: 'agreement', id } },
      );
    if (input.expectedVersion !== undefined && input.expectedVersion !== current.version)
      throw new ConflictError('The agreement has changed since you opened it. Reload it and try again.', [
        { field: 'body.expectedVersion', message: `is not the current version (${current.version})` },
      ]);
    if (!isAmendable(current.status))
      throw new ConflictError(`${described(current.status)} agreement cannot be amended.`);
    await requireOrganisations(tx, terms);
    if (current.status === 'active') {
      const problems = activationProblems(terms);
      if (problems.length > 0)
        throw incomplete(problems, 'An active agreement can only be amended into complete terms.');
    }
    const version = current.version + 1;
    await append(tx, {
      ...terms,
      agreementId: id,
      version,
      status: current.status,
      changeNote: input.changeNote,
      createdBy: ctx.principal.staffId,
      createdAt: ctx.now.toISOString(),
    });
    // Every process re-reads partnership-wide facts at its next decision.
    await bumpPartnershipVersion(tx);
    await auditChange(
      ctx,
      tx,
      'agreement.update',
      { type: 'agreement', id },
      { details: { version, status: current.status } },
    );
  });
  return getAgreement(ctx, id);
}

/**
 * Moves an agreement through its lifecycle, recording the move as a new version with its note.
 * Activation needs complete terms (every gap is listed) and an end date not yet passed.
 */
export async function changeStatus(
  ctx: ServiceContext,
  id: string,
  to: AgreementStatus,
  note: string,
): Promise<Agreement> {
  const today = ukToday(ctx.now);
  const target = { type: 'agreement', id };
  await auditingRejection(ctx, 'agreement.status', target, () =>
    changeWithAuthority(ctx, async (tx, authorize) => {
      const { current } = await requireAgreement(tx, id);
      authorize(
        { kind: 'agreement.status', actor: await changeActorOf(ctx, tx), parties: partiesOf(current) },
        { action: 'agreement.status', target },
      );
      if (!canTransition(current.status, to))
        throw new ConflictError(`${described(current.status)} agreement cannot be made ${to}.`);
      if (to === 'active') {
        // Every party's sign-offs, an approved legal basis and staff awareness, all listed together.
        const problems = await activationGaps(tx, current, today);
        if (problems.length > 0)
          throw incomplete(
            problems,
            'The agreement cannot be made active until everything listed is in place.',
          );
        if (current.endDate !== null && current.endDate < today)
          throw new ValidationError(
            [{ field: 'body.endDate', message: 'has passed; amend the end date first' }],
            'The agreement has already ended.',
          );
      }
      const version = current.version + 1;
      await append(tx, {
        ...current,
        version,
        status: to,
        changeNote: note,
        createdBy: ctx.principal.staffId,
        createdAt: ctx.now.toISOString(),
      });
      // Every process re-reads partnership-wide facts at its next decision.
      await bumpPartnershipVersion(tx);
      await auditChange(
        ctx,
        tx,
        'agreement.status',
        { type: 'agreement', id },
        { details: { version, status: to, from: current.status } },
      );
    }),
  );
  return getAgreement(ctx, id);
}

/**
 * Agreements by reference, filtered by status as of today and by party organisation. Filtered in
 * memory: a partnership holds tens of agreements, and parties live in the JSON document.
 */
export async function listAgreements(
  ctx: ServiceContext,
  query: AgreementListQuery,
): Promise<{ items: AgreementSummary[]; total: number }> {
  const { db } = ctx.database;
  const today = ukToday(ctx.now);
  const matching = (await findCurrentAgreements(db)).filter(
    (r) =>
      (query.status === undefined || effectiveStatus(r.current, today) === query.status) &&
      (query.organisationId === undefined ||
        r.current.parties.some((p) => p.organisationId === query.organisationId)),
  );
  const page = matching.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const names = await organisationNames(
    db,
    page.flatMap((r) => r.current.parties.map((p) => p.organisationId)),
  );
  return { items: page.map((r) => presentSummary(r, names, today)), total: matching.length };
}

/** One agreement's current terms with its version history. */
export async function getAgreement(ctx: ServiceContext, id: string): Promise<Agreement> {
  const { db } = ctx.database;
  const record = await requireAgreement(db, id);
  const [history, names] = await Promise.all([
    findVersionHistory(db, id),
    organisationNames(db, organisationIdsOf(record.current)),
  ]);
  return presentAgreement(record, history, names, ukToday(ctx.now), ctx.principal);
}

/**
 * Every agreement's current version as the access decision's facts, in one query. Runs for each
 * request that reads person data: a candidate for a short-lived cache keyed by `today` and
 * invalidated by any agreement change (the facts depend on both).
 */
export async function loadAgreementFacts(db: Db, today: string): Promise<SharingAgreementFact[]> {
  const records = await findCurrentAgreements(db);
  return records.map((r) => toFact(r.current, today));
}
