/**
 * Capturing, withdrawing and refusing consent, and reading it. Every change is a new version in
 * one transaction with its audit entry; the decision function reads the newest version on the
 * very next request.
 */
import type {
  ConsentCaptureInput,
  ConsentDecisionInput,
  ConsentPreview,
  ConsentPreviewInput,
  ConsentStatusCode,
  ConsentView,
} from '../../../contracts/consent.ts';
import type { FieldError } from '../../../contracts/errors.ts';
import type { Db } from '../../db/database.ts';
import { ConflictError, ValidationError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import { type ConsentProvision, writePerson } from '../access/index.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { presentException, presentSummary, presentTask, presentVersion } from './consent.presenter.ts';
import {
  appendConsentVersion,
  closeTasks,
  findConsentHistory,
  findCurrentConsent,
  findLawfulExceptions,
  findOpenTasks,
  findOrganisations,
} from './consent.repository.ts';
import type { ConsentRow } from './consent.tables.ts';
import {
  type ConsentDecisionDraft,
  consentProblems,
  type ProvisionDraft,
  parseProvisions,
  reviewDueReasonOf,
  reviewFlagFor,
  serialiseProvisions,
} from './consent.ts';
import {
  CONSENT_ROLES,
  type KnownPerson,
  knownPerson,
  LAWFUL_EXCEPTION_ROLES,
  REVIEW_TRIGGER_ROLES,
  requireRole,
} from './consent-access.ts';
import { loadReach } from './consent-facts.ts';
import type { Reach } from './consent-reach.ts';
import { raiseOverdueReview } from './consent-review.service.ts';
import { consentSummary, type SummaryOrganisation } from './consent-summary.ts';

const ROLE_MESSAGE = 'Only care coordinators, clinicians and service managers record consent.';

/** Field errors for provisions naming organisations that do not exist. */
async function unknownOrganisations(db: Db, provisions: readonly ProvisionDraft[]): Promise<FieldError[]> {
  const named = provisions.flatMap((p) => (p.organisationId ? [p.organisationId] : []));
  const known = new Set((await findOrganisations(db, named)).map((o) => o.id));
  return provisions.flatMap((p, i) =>
    p.organisationId && !known.has(p.organisationId)
      ? [{ field: `body.provisions.${i}.organisationId`, message: 'no organisation has this id' }]
      : [],
  );
}

/** The organisations a summary names, with whether each is on the care team today. */
async function summaryOrganisations(
  db: Db,
  known: KnownPerson,
  provisions: readonly ProvisionDraft[],
  extraIds: readonly string[] = [],
): Promise<{ summaryOrgs: SummaryOrganisation[]; names: Map<string, string> }> {
  const teamIds = new Set(known.careTeam.filter((m) => m.current).map((m) => m.organisationId));
  const named = provisions.flatMap((p) => (p.organisationId ? [p.organisationId] : []));
  const orgs = await findOrganisations(db, [...teamIds, ...named, ...extraIds]);
  const wanted = new Set([...teamIds, ...named]);
  return {
    summaryOrgs: orgs.filter((o) => wanted.has(o.id)).map((o) => ({ ...o, onCareTeam: teamIds.has(o.id) })),
    names: new Map(orgs.map((o) => [o.id, o.name])),
  };
}

/** What each organisation's staff would actually see under these provisions (consent-reach.ts). */
function reachFor(
  ctx: ServiceContext,
  provisions: readonly ProvisionDraft[],
  organisations: readonly SummaryOrganisation[],
): Promise<Reach> {
  return loadReach(ctx.database.db, provisions, organisations, ctx.now.toISOString(), todayOf(ctx));
}

/** Shown instead of reasoning the caller may not read. */
const WITHHELD_REASONING =
  'Recorded; available to the care coordinator, the safeguarding lead and the IG lead.';

/** The consent page for a person the caller may know. */
async function buildView(ctx: ServiceContext, db: Db, known: KnownPerson): Promise<ConsentView> {
  const personId = known.person.id;
  const today = todayOf(ctx);
  const [history, openTasks, exceptions] = await Promise.all([
    findConsentHistory(known.scope),
    findOpenTasks(known.scope),
    findLawfulExceptions(known.scope),
  ]);
  const current = history.find((v) => v.superseded_at === null);
  const provisions = current ? parseProvisions(current.provisions) : [];
  const everNamed = history.flatMap((v) =>
    parseProvisions(v.provisions).flatMap((p) => (p.organisationId ? [p.organisationId] : [])),
  );
  const { summaryOrgs, names } = await summaryOrganisations(db, known, provisions, everNamed);
  const status = current ? (current.status as ConsentStatusCode) : null;
  const summary = consentSummary(
    provisions,
    status,
    summaryOrgs,
    undefined,
    status === 'given' ? await reachFor(ctx, provisions, summaryOrgs) : undefined,
  );
  const reason = current ? reviewDueReasonOf(current, today) : null;
  // Why a review is due can name a safeguarding concern; exception rationales and best-interests
  // reasoning can carry more. Only those who manage consent on the care team read them.
  const reasoning = known.seesConsentReasoning;
  const version = (v: (typeof history)[number]) => {
    const presented = presentVersion(v, today, names);
    return reasoning
      ? presented
      : {
          ...presented,
          reviewDueReason: null,
          bestInterestsDecision: presented.bestInterestsDecision === null ? null : WITHHELD_REASONING,
        };
  };
  return {
    personId,
    status: status ?? 'none',
    reviewDue: reason !== null,
    reviewDueReason: reasoning ? reason : null,
    current: current ? version(current) : null,
    summary: presentSummary(summary),
    history: history.map(version),
    openReviews: reasoning ? openTasks.map(presentTask) : [],
    lawfulExceptions: exceptions
      .map(presentException)
      .map((e) => (reasoning ? e : { ...e, rationale: WITHHELD_REASONING })),
    can: {
      capture: hasAnyRole(ctx.principal, CONSENT_ROLES),
      raiseReview: hasAnyRole(ctx.principal, REVIEW_TRIGGER_ROLES),
      recordLawfulException: hasAnyRole(ctx.principal, LAWFUL_EXCEPTION_ROLES),
    },
  };
}

/** A person's consent: what applies now, what it means, its history, open reviews and exceptions. */
export async function getConsent(ctx: ServiceContext, personId: string): Promise<ConsentView> {
  const { db } = ctx.database;
  const known = await knownPerson(ctx, personId);
  const current = await findCurrentConsent(known.scope);
  if (current && current.review_date <= todayOf(ctx)) await raiseOverdueReview(ctx, personId);
  const view = await buildView(ctx, db, known);
  await ctx.audit.append(
    [
      {
        action: 'consent.view',
        outcome: 'permit',
        actor: auditActor(ctx),
        personId,
        consentId: view.current?.id ?? null,
        purpose: 'DIRECT_CARE',
        breakGlassGrantId: known.breakGlassGrantId,
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return view;
}

/** What a set of provisions would mean for this person, before anything is saved. */
export async function previewConsent(
  ctx: ServiceContext,
  personId: string,
  input: ConsentPreviewInput,
): Promise<ConsentPreview> {
  requireRole(ctx, CONSENT_ROLES, ROLE_MESSAGE);
  const { db } = ctx.database;
  const known = await knownPerson(ctx, personId);
  const problems = [
    ...consentProblems(
      {
        status: 'given',
        capacity: 'HAS_CAPACITY',
        explanation: '',
        reviewDate: '9999-12-31',
        provisions: input.provisions,
      },
      todayOf(ctx),
    ),
    ...(await unknownOrganisations(db, input.provisions)),
  ];
  const { summaryOrgs } = await summaryOrganisations(db, known, input.provisions);
  await ctx.audit.append(
    [{ action: 'consent.preview', outcome: 'success', actor: auditActor(ctx), personId }],
    ctx.now,
    ctx.requestId,
  );
  const reach = await reachFor(ctx, input.provisions, summaryOrgs);
  return {
    summary: presentSummary(consentSummary(input.provisions, 'given', summaryOrgs, undefined, reach)),
    problems,
  };
}

type Change = 'CAPTURE' | 'WITHDRAW' | 'REFUSE';

/** Checks, then writes one consent decision as a new version with its audit entry. */
async function recordDecision(
  ctx: ServiceContext,
  personId: string,
  draft: ConsentDecisionDraft,
  change: Change,
  allowed: (previous: ConsentRow | undefined) => string | null,
): Promise<ConsentView> {
  requireRole(ctx, CONSENT_ROLES, ROLE_MESSAGE);
  const { db } = ctx.database;
  await knownPerson(ctx, personId);
  const problems = [
    ...consentProblems(draft, todayOf(ctx)),
    ...(await unknownOrganisations(db, draft.provisions)),
  ];
  if (problems.length > 0) throw new ValidationError(problems);
  const now = ctx.now.toISOString();
  await writePerson(ctx, personId, {}, async (write) => {
    const tx = write.tx;
    const previous = await findCurrentConsent(write);
    const refusal = allowed(previous);
    if (refusal) throw new ConflictError(refusal);
    const open = await findOpenTasks(write);
    const provisions: readonly ConsentProvision[] =
      change === 'CAPTURE'
        ? draft.provisions.map((p) => ({ id: crypto.randomUUID(), ...p }))
        : change === 'WITHDRAW' && previous
          ? parseProvisions(previous.provisions)
          : [];
    // A fresh capture is itself the review; a withdrawal or refusal leaves open reviews open.
    const flag = reviewFlagFor(change === 'CAPTURE' ? [] : open.map((t) => t.trigger));
    const row = await appendConsentVersion(write, previous, {
      person_id: personId,
      change,
      status: draft.status,
      capacity: draft.capacity,
      best_interests_decision: draft.bestInterestsDecision ?? null,
      decision_maker: draft.decisionMaker ?? null,
      explanation: draft.explanation,
      captured_by: ctx.principal.staffId,
      captured_by_org_id: ctx.principal.organisationId,
      captured_at: now,
      recorded_by: ctx.principal.staffId,
      recorded_at: now,
      review_date: draft.reviewDate,
      ...flag,
      provisions: serialiseProvisions(provisions),
    });
    const closed =
      change === 'CAPTURE'
        ? await closeTasks(
            write,
            open.map((t) => t.id),
            'RECAPTURED',
            ctx.principal.staffId,
            now,
          )
        : 0;
    await auditChange(
      ctx,
      tx,
      `consent.${change.toLowerCase() as Lowercase<Change>}` as const,
      { type: 'consent', id: row.id },
      {
        personId,
        consentId: row.id,
        details: {
          version: row.version,
          status: row.status,
          capacity: row.capacity,
          provisions: provisions.length,
          reviewsClosed: closed,
        },
      },
    );
  });
  return buildView(ctx, db, await knownPerson(ctx, personId));
}

/** Captures consent (or changes it): the whole set of provisions becomes a new version. */
export function captureConsent(
  ctx: ServiceContext,
  personId: string,
  input: ConsentCaptureInput,
): Promise<ConsentView> {
  return recordDecision(ctx, personId, { ...input, status: 'given' }, 'CAPTURE', () => null);
}

/** Records that the person withdrew their consent; sharing that relied on it stops at once. */
export function withdrawConsent(
  ctx: ServiceContext,
  personId: string,
  input: ConsentDecisionInput,
): Promise<ConsentView> {
  return recordDecision(ctx, personId, { ...input, status: 'withdrawn', provisions: [] }, 'WITHDRAW', (p) =>
    p?.status === 'given' ? null : 'There is no consent in force to withdraw.',
  );
}

/** Records that the person refused consent to share. */
export function refuseConsent(
  ctx: ServiceContext,
  personId: string,
  input: ConsentDecisionInput,
): Promise<ConsentView> {
  return recordDecision(ctx, personId, { ...input, status: 'refused', provisions: [] }, 'REFUSE', (p) =>
    p?.status === 'given' ? 'Consent is in force: record a withdrawal instead.' : null,
  );
}
