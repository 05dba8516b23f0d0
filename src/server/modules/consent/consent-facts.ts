/**
 * Consent as other modules read it: the decision function's facts (on every read of a person) and
 * the person header's one-glance summary.
 */
import type { ConsentHeader } from '../../../contracts/consent.ts';
import type { Db } from '../../db/database.ts';
import { openView } from '../../db/governed.ts';
import type { PersonHandle } from '../access/index.ts';
import {
  type CareTeamMembership,
  type ConsentFact,
  calendarDateOf,
  type LawfulExceptionFact,
  type PartnershipFacts,
  partnershipFacts,
} from '../access/index.ts';
import { loadAgreementFacts } from '../agreements/index.ts';
import {
  findCareTeamOrganisations,
  findCurrentConsent,
  findLiveExceptions,
  findOrganisations,
  findRolesByOrganisation,
} from './consent.repository.ts';
import type { ConsentRow } from './consent.tables.ts';
import type { ProvisionDraft } from './consent.ts';
import { isReviewDue, parseProvisions, reviewDueReasonOf, toExceptionFact, toFact } from './consent.ts';
import { type Reach, reachOf } from './consent-reach.ts';
import { type ConsentSummary, consentSummary, type SummaryOrganisation } from './consent-summary.ts';

/** ISO instants compare as text only in one shape; stored ones are Date#toISOString. */
function normalisedInstant(at: string): string {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? at : new Date(ms).toISOString();
}

/** The UK calendar date of an instant, as the decision function reckons "today". */
export function decisionDayOf(at: string): string {
  return calendarDateOf(at) ?? at.slice(0, 10);
}

/**
 * The person's current consent and the lawful exceptions not yet expired at `at`, as the decision
 * function consumes them. Runs on every read of a person, so it is two indexed queries. The latest
 * version is read each time: a change to consent applies to the very next decision.
 */
export async function loadConsentFacts(
  person: PersonHandle,
  at: string,
): Promise<{ consent: ConsentFact | null; lawfulExceptions: LawfulExceptionFact[] }> {
  const { consent, lawfulExceptions } = await loadConsentFactsAndRows(person, at);
  return { consent, lawfulExceptions };
}

/** The person's consent row and live exceptions as read at one instant, for reuse in the same request. */
export interface ConsentRows {
  readonly personId: string;
  readonly instant: string;
  readonly row: ConsentRow | undefined;
  readonly exceptions: LawfulExceptionFact[];
}

/** The decision's consent facts with the rows they came from, so the consent header need not read them again. */
export async function loadConsentFactsAndRows(
  person: PersonHandle,
  at: string,
): Promise<{ consent: ConsentFact | null; lawfulExceptions: LawfulExceptionFact[]; rows: ConsentRows }> {
  const instant = normalisedInstant(at);
  const rows = await loadRows(person, instant);
  return {
    consent: rows.row ? toFact(rows.row, decisionDayOf(instant)) : null,
    lawfulExceptions: rows.exceptions,
    rows,
  };
}

async function loadRows(person: PersonHandle, instant: string): Promise<ConsentRows> {
  const [row, rows] = await Promise.all([findCurrentConsent(person), findLiveExceptions(person, instant)]);
  const exceptions: LawfulExceptionFact[] = [];
  for (const e of rows) {
    const fact = toExceptionFact(e);
    if (fact !== null) exceptions.push(fact);
  }
  return { personId: person.personId, instant, row, exceptions };
}

/** What a consent header can reuse from the read that opened the person, instead of reading it again. */
export interface ConsentHeaderFacts {
  /** The consent rows the decision read (used only when read for the same person and instant). */
  readonly rows?: ConsentRows;
  /** The person's care team memberships, as the door loaded them. */
  readonly careTeam?: readonly CareTeamMembership[];
  /** The partnership-wide facts the decision read. */
  readonly partnership?: PartnershipFacts;
}

/** The organisations ids name, in name order, once per partnership version and set of ids. */
function organisationsOf(partnership: PartnershipFacts, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  return partnership.memo(`organisations:${unique.join(',')}`, (db) => findOrganisations(db, unique));
}

/**
 * The organisations a summary names: those on the person's care team today and any the provisions
 * name, each flagged with whether it is on the care team.
 */
export async function summaryOrganisationsFor(
  person: PersonHandle,
  namedIds: readonly string[],
  today: string,
  known: ConsentHeaderFacts = {},
): Promise<SummaryOrganisation[]> {
  const teamIds = new Set(
    known.careTeam
      ? known.careTeam
          .filter((m) => m.startDate <= today && (m.endDate === null || m.endDate >= today))
          .map((m) => m.organisationId)
      : await findCareTeamOrganisations(person, today),
  );
  const ids = [...teamIds, ...namedIds];
  const orgs = known.partnership
    ? await organisationsOf(known.partnership, ids)
    : await findOrganisations(openView(person.db), ids);
  return orgs.map((o) => ({ ...o, onCareTeam: teamIds.has(o.id) }));
}

/** What each organisation's staff would actually see under provisions: consent, agreements and tiers. */
export async function loadReach(
  db: Db,
  provisions: readonly ProvisionDraft[],
  organisations: readonly SummaryOrganisation[],
  at: string,
  today: string,
  known?: PartnershipFacts,
): Promise<Reach> {
  const partnership = known ?? (await partnershipFacts(db));
  const ids = organisations.map((o) => o.id);
  const [agreements, rolesByOrganisation] = await Promise.all([
    partnership.agreements(today, loadAgreementFacts),
    known
      ? partnership.memo(`roles-by-organisation:${[...new Set(ids)].join(',')}`, (db) =>
          findRolesByOrganisation(db, ids),
        )
      : findRolesByOrganisation(db, ids),
  ]);
  const policy = partnership.policy;
  return reachOf({
    consent: {
      id: 'summary',
      status: 'given',
      reviewDue: false,
      provisions: provisions.map((p, i) => ({ id: String(i), ...p })),
    },
    careTeamOrganisationIds: organisations.filter((o) => o.onCareTeam).map((o) => o.id),
    agreements,
    tiers: policy.tiers,
    rolesByOrganisation,
    at,
    today,
  });
}

/** Summaries kept per partnership snapshot, most recently used last; a new version starts empty. */
const summaries = new WeakMap<PartnershipFacts, Map<string, ConsentSummary>>();
/** How many summaries one snapshot keeps: people who share a consent and care team share one. */
const SUMMARY_LIMIT = 2048;

/**
 * What a summary depends on besides the partnership's facts: the UK day (agreements and routine
 * consent are by day), the consent's status and provisions, and the organisations it names.
 */
function summaryKey(
  today: string,
  status: string | null,
  row: ConsentRow | undefined,
  organisations: readonly SummaryOrganisation[],
): string {
  const named = organisations.map((o) => `${o.id}${o.onCareTeam ? '+' : '-'}`).join(',');
  return `${today}\u0000${status ?? ''}\u0000${row?.provisions ?? ''}\u0000${named}`;
}

/** Freezes a value and everything it holds: a kept summary is shared by every read that finds it. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) frozen(inner);
  }
  return value;
}

/**
 * The summary for a key under one snapshot of the partnership, computed once. It is a pure function
 * of the key and the snapshot's agreements, tiers, roles and organisation names, all of which move
 * the partnership version when they change, so the next request after a change computes it afresh.
 */
async function rememberedSummary(
  partnership: PartnershipFacts,
  key: string,
  compute: () => Promise<ConsentSummary>,
): Promise<ConsentSummary> {
  let kept = summaries.get(partnership);
  if (!kept) {
    kept = new Map();
    summaries.set(partnership, kept);
  }
  const found = kept.get(key);
  if (found) {
    kept.delete(key);
    kept.set(key, found);
    return found;
  }
  const summary = frozen(await compute());
  kept.set(key, summary);
  if (kept.size > SUMMARY_LIMIT) {
    const oldest = kept.keys().next().value;
    if (oldest !== undefined) kept.delete(oldest);
  }
  return summary;
}

/** What the person header shows about consent on every page: status, review and the summary. */
export async function loadConsentHeader(
  person: PersonHandle,
  at: string,
  options: { showReasons: boolean; known?: ConsentHeaderFacts } = { showReasons: true },
): Promise<ConsentHeader> {
  const instant = normalisedInstant(at);
  const today = decisionDayOf(instant);
  const known = options.known ?? {};
  const kept = known.rows;
  const { row, exceptions } =
    kept && kept.personId === person.personId && kept.instant === instant
      ? kept
      : await loadRows(person, instant);
  const provisions = row ? parseProvisions(row.provisions) : [];
  const organisations = await summaryOrganisationsFor(
    person,
    provisions.flatMap((p) => (p.organisationId ? [p.organisationId] : [])),
    today,
    known,
  );
  const status = row ? (row.status as ConsentFact['status']) : null;
  const compute = async () =>
    consentSummary(
      provisions,
      status,
      organisations,
      undefined,
      status === 'given'
        ? await loadReach(openView(person.db), provisions, organisations, instant, today, known.partnership)
        : undefined,
    );
  const summary = known.partnership
    ? await rememberedSummary(known.partnership, summaryKey(today, status, row, organisations), compute)
    : await compute();
  const atMs = Date.parse(instant);
  return {
    status: row ? (row.status as ConsentFact['status']) : 'none',
    reviewDue: row ? isReviewDue(row, today) : false,
    // The reason can name a safeguarding concern: only those who manage consent see it.
    reviewDueReason: row && options.showReasons ? reviewDueReasonOf(row, today) : null,
    reviewDate: row?.review_date ?? null,
    capacity: row ? (row.capacity as ConsentHeader['capacity']) : null,
    headline: summary.headline,
    sentences: summary.sentences.slice(1),
    liveLawfulExceptions: exceptions.filter((e) => Date.parse(e.validFrom) <= atMs).length,
  };
}
