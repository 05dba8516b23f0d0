/**
 * The one door to person-level data. Repositories of governed tables (db/governed.ts) accept only
 * the values made here, and each is made only by asking the decision function for the caller:
 * - `PersonRead`: the caller may know this person (a permit for some category), with the facts
 *   the decision loaded, for the service to reuse;
 * - `PersonWrite`: the same, decided again inside the write's own transaction;
 * - `ListAccess`: the caller has standing to see people in a list, queue or report for a purpose.
 * The unrestricted alternative is `systemDb(reason)` (db/system-db.ts), for work with no caller.
 */
import { DATA_CATEGORIES, type DataCategory, type Purpose } from '../../../contracts/enums.ts';
import type { FullDb, FullTx, Tx } from '../../db/database.ts';
import { openTxView, openView } from '../../db/governed.ts';
import type { SystemAccess } from '../../db/system-db.ts';
import { NotFoundError } from '../../http/errors.ts';
import { auditActor, governedDatabaseOf, type ServiceContext, todayOf } from '../../service-context.ts';
import type { AuditAction } from '../audit/audit-actions.ts';
import type { Decision } from './access.ts';
import { findPersonIdByNhs, loadPersonFacts, type PersonFacts } from './access-facts.repository.ts';
import { DecisionRefusedError } from './decision-refused.ts';
import { type PartnershipFacts, partnershipFacts, partnershipPolicy } from './partnership-facts.ts';
import { mayKnowPerson, mayReceiveAccessReport, type PersonAccessQuestion } from './person-access.ts';
import { reasonFor } from './reasons.ts';
import { type StandingPurpose, standingOf } from './standing.ts';

declare const readBrand: unique symbol;
declare const writeBrand: unique symbol;
declare const listBrand: unique symbol;
declare const factsBrand: unique symbol;

/** A decided read of one person: the only way to reach their rows. */
export interface PersonRead {
  readonly [readBrand]: true;
  readonly personId: string;
  readonly db: FullDb;
  /** The question the decision answered, with every fact it loaded. */
  readonly question: PersonAccessQuestion;
  /** The person's row and named care team, loaded once for the decision and reused by the service. */
  readonly loaded: PersonFacts;
  /** The partnership-wide facts the decision read (one read of the version counter), for the service to reuse. */
  readonly partnership: PartnershipFacts;
  /** What the extra-facts loader kept beyond the decision's facts (the consent row behind the consent fact). */
  readonly extra?: object;
}

/** A decided write to one person's record, bound to the transaction the decision was taken in. */
export interface PersonWrite {
  readonly [writeBrand]: true;
  readonly personId: string;
  readonly db: FullTx;
  /** The same transaction for the open tables (audit, directory). */
  readonly tx: Tx;
  readonly question: PersonAccessQuestion;
  readonly loaded: PersonFacts;
  readonly partnership: PartnershipFacts;
  readonly extra?: object;
}

/** Standing to list people for a purpose: a caseload, a review queue, a report. */
export interface ListAccess {
  readonly [listBrand]: true;
  readonly db: FullDb;
  readonly purpose: StandingPurpose;
  readonly staffId: string;
  readonly organisationId: string;
  readonly teamIds: readonly string[];
  readonly today: string;
}

/** Loading the facts a decision needs, before it is taken: only the door holds one. */
export interface FactsAccess {
  readonly [factsBrand]: true;
  readonly db: FullDb;
  readonly personId: string;
}

/** Either decided person handle. */
export type PersonScope = PersonRead | PersonWrite;

/** Any handle bound to one person: decided, or loading the facts of the decision. */
export type PersonHandle = PersonRead | PersonWrite | FactsAccess;

/** Any value a governed repository accepts: a decided handle or the named unrestricted one. */
export type GovernedAccess = PersonHandle | ListAccess | NewPersonWrite | SystemAccess;

/**
 * Loads more facts (agreements, consent, exceptions) once involvement is settled, from the
 * partnership-wide facts the decision already read. What it returns under `kept` is not a fact of
 * the decision: the door hands it to the service as `extra`, so nothing is read twice.
 */
export type ExtraFactsLoader = (
  facts: FactsAccess,
  at: string,
  today: string,
  partnership?: PartnershipFacts,
) => Promise<Partial<PersonAccessQuestion['facts']> & { readonly kept?: object }>;

/** How a person is opened. */
export interface OpenOptions {
  readonly purpose?: Purpose;
  /** Categories any of which, permitted for the caller's own organisation, lets them know the person. */
  readonly categories?: readonly DataCategory[];
  /** Agreements, consent and exceptions, for decisions about other organisations' data. */
  readonly extraFacts?: ExtraFactsLoader;
  /** Who may know the person, when not the record rule (oversight: the access report, explain). */
  readonly knows?: (q: PersonAccessQuestion, loaded: PersonFacts) => boolean;
}

async function question(
  ctx: ServiceContext,
  db: FullDb,
  personId: string,
  options: OpenOptions,
): Promise<Questioned> {
  const facts = { db, personId } as FactsAccess;
  const at = ctx.now.toISOString();
  const [loaded, partnership] = await Promise.all([
    loadPersonFacts(facts, todayOf(ctx)),
    partnershipFacts(openView(db)),
  ]);
  const policy = partnership.policy;
  const q: PersonAccessQuestion = {
    principal: ctx.principal,
    personId,
    facts: {
      careTeam: loaded.memberships,
      breakGlassGrants: loaded.grants,
      agreements: [],
      consent: null,
      lawfulExceptions: [],
    },
    policy,
    at,
    purpose: options.purpose ?? 'DIRECT_CARE',
  };
  const known =
    loaded.person !== undefined &&
    (options.knows ? options.knows(q, loaded) : mayKnowPerson(q, options.categories ?? DATA_CATEGORIES));
  if (!known || !options.extraFacts) return { q, loaded, known, partnership };
  const { kept, ...extra } = await options.extraFacts(facts, at, todayOf(ctx), partnership);
  return {
    q: { ...q, facts: { ...q.facts, ...extra } },
    loaded,
    known,
    partnership,
    ...(kept ? { extra: kept } : {}),
  };
}

/** What `question` found: the question, the facts it loaded, and whether the caller may know the person. */
interface Questioned {
  q: PersonAccessQuestion;
  loaded: PersonFacts;
  known: boolean;
  partnership: PartnershipFacts;
  extra?: object;
}

/** The decided handle's fields from what `question` found. */
function decided(found: Questioned): Pick<PersonRead, 'question' | 'loaded' | 'partnership' | 'extra'> {
  return {
    question: found.q,
    loaded: found.loaded,
    partnership: found.partnership,
    ...(found.extra ? { extra: found.extra } : {}),
  };
}

async function auditUnknown(ctx: ServiceContext, personId: string, purpose: Purpose): Promise<void> {
  await ctx.audit.append(
    [
      {
        action: 'person.access.deny',
        outcome: 'deny',
        actor: auditActor(ctx),
        personId,
        purpose,
        reasons: ['NOT_KNOWN_TO_CALLER'],
      },
    ],
    ctx.now,
    ctx.requestId,
  );
}

/**
 * Opens a person for the caller, or answers 404 exactly as for a person who does not exist (the
 * refusal is audited). The value returned carries every fact the decision loaded.
 */
export async function openPerson(
  ctx: ServiceContext,
  personId: string,
  options: OpenOptions = {},
): Promise<PersonRead> {
  const db = governedDatabaseOf(ctx).db as unknown as FullDb;
  const found = await question(ctx, db, personId, options);
  if (!found.known) {
    await auditUnknown(ctx, personId, found.q.purpose);
    throw new NotFoundError('Person');
  }
  return { personId, db, ...decided(found) } as PersonRead;
}

/**
 * Opens a person for oversight rather than care: their access report or an explanation of who may
 * see them. The caller needs standing for the purpose (active, trained, the right role) and a
 * tie to the person (`mayReceiveAccessReport`: their care coordinator now, or an IG lead of an
 * organisation involved in their care). Anyone else gets the same 404 as for nobody, audited
 * under the action given.
 */
export async function openOversight(
  ctx: ServiceContext,
  personId: string,
  options: { action: AuditAction; extraFacts?: ExtraFactsLoader },
): Promise<PersonRead> {
  const db = governedDatabaseOf(ctx).db as unknown as FullDb;
  const found = await question(ctx, db, personId, {
    purpose: 'AUDIT',
    ...(options.extraFacts ? { extraFacts: options.extraFacts } : {}),
    knows: (question, facts) =>
      standingOf(ctx.principal, 'access_report', question.policy, question.at).effect === 'permit' &&
      mayReceiveAccessReport(ctx.principal, facts.memberships, todayOf(ctx)),
  });
  if (!found.known) {
    // A refusal about someone who exists is evidence; nothing is written for an unknown id.
    if (found.loaded.person)
      await ctx.audit.append(
        [
          {
            action: options.action,
            outcome: 'deny',
            actor: auditActor(ctx),
            personId,
            purpose: 'AUDIT',
            reasons: ['NOT_KNOWN_TO_CALLER'],
          },
        ],
        ctx.now,
        ctx.requestId,
      );
    throw new NotFoundError('Person');
  }
  return { personId, db, ...decided(found) } as PersonRead;
}

/** The person a write named is unknown to the caller (decided inside the write's transaction). */
class UnknownPerson extends Error {
  constructor() {
    super('unknown person');
  }
}

/** Carries a refusal out of the transaction it was decided in, so it is audited after the rollback. */
class Refusal extends Error {
  readonly decision: Decision;
  constructor(decision: Decision) {
    super('refused');
    this.decision = decision;
  }
}

/** What a write asks of the decision function, inside its transaction. */
export interface WriteOptions extends OpenOptions {
  /** The decision the write needs; a deny refuses it (403 with the reasons). Null when knowing the person is enough. */
  readonly decide?: (q: PersonAccessQuestion, loaded: PersonFacts) => Decision | null;
  /** The audit action of a refusal, with the categories and owner it concerned. */
  readonly refusal?: {
    action: AuditAction;
    categories?: readonly string[];
    ownerOrganisationId?: string;
  };
}

/**
 * Runs a write to one person's record in one transaction: the person is opened and the decision
 * taken inside it, so nothing that changed since can slip past. A refusal rolls everything back,
 * is audited after the rollback, and answers 403 with the reason codes; a person the caller may
 * not know answers 404 (audited).
 */
export async function writePerson<T>(
  ctx: ServiceContext,
  personId: string,
  options: WriteOptions,
  work: (write: PersonWrite) => Promise<T>,
): Promise<T> {
  const full = governedDatabaseOf(ctx).db as unknown as FullDb;
  try {
    return await full.transaction().execute(async (tx) => {
      const found = await question(ctx, tx, personId, options);
      if (!found.known) throw new UnknownPerson();
      const decision = options.decide?.(found.q, found.loaded) ?? null;
      if (decision && decision.effect === 'deny') throw new Refusal(decision);
      return work({ personId, db: tx, tx: openTxView(tx), ...decided(found) } as PersonWrite);
    });
  } catch (error) {
    // Only the door's own finding is a refused person; a missing row the work looked for is not.
    if (error instanceof UnknownPerson) {
      await auditUnknown(ctx, personId, options.purpose ?? 'DIRECT_CARE');
      throw new NotFoundError('Person');
    }
    if (!(error instanceof Refusal)) throw error;
    const reasons = error.decision.reasons;
    await ctx.audit.append(
      [
        {
          action: options.refusal?.action ?? 'record.edit.deny',
          outcome: 'deny',
          actor: auditActor(ctx),
          personId,
          purpose: options.purpose ?? 'DIRECT_CARE',
          categories: options.refusal?.categories ?? [],
          ownerOrganisationId: options.refusal?.ownerOrganisationId ?? null,
          recipientOrganisationId: ctx.principal.organisationId,
          reasons: reasons.map((r) => r.code),
        },
      ],
      ctx.now,
      ctx.requestId,
    );
    throw new DecisionRefusedError(reasons);
  }
}

/**
 * Standing to list people for a purpose, or null (audited) when the caller has none: an inactive
 * account, lapsed training or no role for the purpose. Every list and queue asks this first and
 * answers an unqualified caller with an empty list.
 */
export async function openList(
  ctx: ServiceContext,
  purpose: StandingPurpose,
  listAction: AuditAction,
  options: { quiet?: boolean } = {},
): Promise<ListAccess | null> {
  const db = governedDatabaseOf(ctx).db as unknown as FullDb;
  const policy = await partnershipPolicy(openView(db));
  const decision = standingOf(ctx.principal, purpose, policy, ctx.now.toISOString());
  if (decision.effect === 'deny') {
    // Quiet: a page gathering several kinds of work asks about each; work that is not the
    // caller's kind is no refused attempt to see anyone.
    if (options.quiet) return null;
    await ctx.audit.append(
      [
        {
          action: listAction,
          outcome: 'deny',
          actor: auditActor(ctx),
          purpose: purposeOfStanding(purpose),
          reasons: decision.reasons.map((r) => r.code),
        },
      ],
      ctx.now,
      ctx.requestId,
    );
    return null;
  }
  return {
    db,
    purpose,
    staffId: ctx.principal.staffId,
    organisationId: ctx.principal.organisationId,
    teamIds: ctx.principal.teamIds,
    today: todayOf(ctx),
  } as unknown as ListAccess;
}

/**
 * The person holding an NHS number, for a caller with standing to see people (importing a
 * partner's document names its subject by NHS number); undefined otherwise. Knowing the person is
 * then a separate decision (`openPerson`).
 */
export async function findPersonByNhsNumber(
  ctx: ServiceContext,
  nhsNumber: string,
): Promise<string | undefined> {
  const list = await openList(ctx, 'caseload', 'person.access.deny');
  if (!list) return undefined;
  return findPersonIdByNhs({ db: list.db } as unknown as NewPersonWrite, nhsNumber);
}

/**
 * The facts of one person for a decision computed by work with no caller (the demo loader works
 * out the copies of the handovers it seeds), from the named unrestricted handle.
 */
export function systemFacts(system: SystemAccess, personId: string): FactsAccess {
  return { db: system.db, personId } as unknown as FactsAccess;
}

/** Runs work in one transaction with the list's standing carried into it. */
export function inListTransaction<T>(
  list: ListAccess,
  work: (list: ListAccess, tx: Tx) => Promise<T>,
): Promise<T> {
  return list.db.transaction().execute((tx) => work({ ...list, db: tx } as ListAccess, openTxView(tx)));
}

/**
 * Runs work on a person opened for oversight in one transaction, so a link to them, what it
 * counts and its audit entry are stored together or not at all.
 */
export function inReadTransaction<T>(
  read: PersonRead,
  work: (read: PersonRead, tx: Tx) => Promise<T>,
): Promise<T> {
  return read.db.transaction().execute((tx) => work({ ...read, db: tx } as PersonRead, openTxView(tx)));
}

/** The purpose of use an audit entry records for a standing purpose. */
export function purposeOfStanding(purpose: StandingPurpose): Purpose {
  if (purpose === 'safeguarding_huddle') return 'SAFEGUARDING';
  if (purpose === 'reporting') return 'COMMISSIONING';
  return purpose === 'caseload' || purpose === 'consent_review' ? 'DIRECT_CARE' : 'AUDIT';
}

declare const newPersonBrand: unique symbol;

/** Registering a new person: standing to hold a caseload, decided inside the registration's transaction. */
export interface NewPersonWrite {
  readonly [newPersonBrand]: true;
  readonly db: FullTx;
  readonly tx: Tx;
}

/**
 * Runs a registration in one transaction once the caller's standing to hold a caseload is decided
 * (a refusal is audited and answers 403 with the reasons). Registering tells whether an NHS number
 * is known, so only staff who may see person data at all can do it.
 */
export async function writeNewPerson<T>(
  ctx: ServiceContext,
  work: (write: NewPersonWrite) => Promise<T>,
): Promise<T> {
  const full = governedDatabaseOf(ctx).db as unknown as FullDb;
  const policy = await partnershipPolicy(openView(full));
  const decision = standingOf(ctx.principal, 'caseload', policy, ctx.now.toISOString());
  if (decision.effect === 'deny') {
    await ctx.audit.append(
      [
        {
          action: 'person.register',
          outcome: 'deny',
          actor: auditActor(ctx),
          reasons: decision.reasons.map((r) => r.code),
        },
      ],
      ctx.now,
      ctx.requestId,
    );
    throw new DecisionRefusedError(decision.reasons);
  }
  return full.transaction().execute((tx) => work({ db: tx, tx: openTxView(tx) } as NewPersonWrite));
}

/**
 * Emergency (break-glass) access: a duty worker with standing names a person by NHS number and
 * the work runs in one transaction with that person's facts, to decide and record a grant. Only
 * workers who may see person data learn whether an NHS number is registered (403 otherwise); an
 * unknown number is a 404, audited.
 */
export async function writeEmergency<T>(
  ctx: ServiceContext,
  nhsNumber: string,
  work: (write: PersonWrite) => Promise<T>,
): Promise<T> {
  const full = governedDatabaseOf(ctx).db as unknown as FullDb;
  const policy = await partnershipPolicy(openView(full));
  const standing = standingOf(ctx.principal, 'break_glass', policy, ctx.now.toISOString());
  if (
    standing.effect === 'deny' ||
    standingOf(ctx.principal, 'caseload', policy, ctx.now.toISOString()).effect === 'deny'
  ) {
    await ctx.audit.append(
      [
        {
          action: 'break_glass.deny',
          outcome: 'deny',
          actor: auditActor(ctx),
          reasons: standing.reasons.map((r) => r.code),
        },
      ],
      ctx.now,
      ctx.requestId,
    );
    throw new DecisionRefusedError(
      standing.effect === 'deny' ? standing.reasons : [reasonFor('TRAINING_EXPIRED')],
    );
  }
  const personId = await findPersonIdByNhs({ db: full } as unknown as NewPersonWrite, nhsNumber);
  if (!personId) {
    await ctx.audit.append(
      [{ action: 'break_glass.deny', outcome: 'deny', actor: auditActor(ctx), reasons: ['NO_SUCH_PERSON'] }],
      ctx.now,
      ctx.requestId,
    );
    throw new NotFoundError('Person');
  }
  return full.transaction().execute(async (tx) => {
    // The worker is not involved yet (that is the point): the grant is decided on these facts.
    const found = await question(ctx, tx, personId, {
      purpose: 'CRISIS_RESPONSE',
      knows: () => true,
    });
    return work({ personId, db: tx, tx: openTxView(tx), ...decided(found) } as PersonWrite);
  });
}
