/**
 * Rule 4: data crosses organisations only under a data sharing agreement in force that covers the
 * direction (owner -> recipient), the purpose and the category (ICO data sharing code).
 */
import { DATA_CATEGORIES, PURPOSES } from '../../../contracts/enums.ts';
import type { AgreementGrant, SharingAgreementFact } from './access.ts';
import { DENY } from './decide-denial.ts';
import { withinDates } from './decide-support.ts';
import { type DayProbe, type DayTimeline, probeOf, timelineOf, valueOn } from './decide-timeline.ts';

/** One grant of an agreement between a given owner and recipient. */
interface PairGrant {
  readonly agreement: SharingAgreementFact;
  readonly grant: AgreementGrant;
}

/** The agreement relied on, or the reasons (as deny bits) that none may be. */
export interface AgreementAnswer {
  readonly agreement: SharingAgreementFact | undefined;
  readonly denied: number;
}

/** The agreements' grants for one direction, and per purpose and category the answer for any day. */
interface PairIndex {
  readonly grants: PairGrant[];
  readonly starts: string[];
  readonly ends: string[];
  /** Answer by day, at `slotOf(purpose, category)`; one flat array is fewer hops than nested maps. */
  readonly answers: (DayTimeline<AgreementAnswer> | undefined)[];
  /** Per slot, whether the need has been asked about once (and answered without a timeline). */
  readonly asked: Uint8Array;
  /** purpose -> category -> answer by day, for a purpose or category the contracts do not list. */
  readonly others: Map<string, Map<string, DayTimeline<AgreementAnswer>>>;
}

const PURPOSE_INDEX = new Map<string, number>(PURPOSES.map((purpose, i) => [purpose, i]));
const CATEGORY_INDEX = new Map<string, number>(DATA_CATEGORIES.map((category, i) => [category, i]));
const SLOTS = PURPOSES.length * DATA_CATEGORIES.length;

/** The place of a listed purpose and category in a pair's answers, or -1 for any other. */
function slotOf(purpose: string, category: string): number {
  const p = PURPOSE_INDEX.get(purpose);
  const c = CATEGORY_INDEX.get(category);
  return p === undefined || c === undefined ? -1 : p * DATA_CATEGORIES.length + c;
}

/** Agreements by owner, then recipient, filled in per direction as asked. */
export interface AgreementIndex {
  readonly agreements: readonly SharingAgreementFact[];
  readonly byOwner: Map<string, Map<string, PairIndex>>;
  /**
   * One shared answer per agreement relied on and one per set of reasons, and one shared timeline
   * per distinct content: most needs get one of a few answers, and a decision then reads memory
   * that the last decisions have just read.
   */
  readonly permits: Map<SharingAgreementFact, AgreementAnswer>;
  readonly denials: Map<number, AgreementAnswer>;
  readonly ids: Map<AgreementAnswer, number>;
  readonly timelines: Map<string, DayTimeline<AgreementAnswer>>;
}

/** An empty index over the agreements. */
export function indexAgreements(agreements: readonly SharingAgreementFact[]): AgreementIndex {
  return {
    agreements,
    byOwner: new Map(),
    permits: new Map(),
    denials: new Map(),
    ids: new Map(),
    timelines: new Map(),
  };
}

function buildPair(agreements: readonly SharingAgreementFact[], owner: string, recipient: string): PairIndex {
  const answers = new Array<DayTimeline<AgreementAnswer> | undefined>(SLOTS).fill(undefined);
  const pair: PairIndex = {
    grants: [],
    starts: [],
    ends: [],
    answers,
    asked: new Uint8Array(SLOTS),
    others: new Map(),
  };
  for (const agreement of agreements) {
    for (const grant of agreement.grants) {
      if (grant.fromOrganisationId !== owner || grant.toOrganisationId !== recipient) continue;
      pair.grants.push({ agreement, grant });
      pair.starts.push(agreement.startDate);
      if (agreement.endDate !== null) pair.ends.push(agreement.endDate);
    }
  }
  return pair;
}

/** The grants and answers for one direction. */
function pairOf(index: AgreementIndex, owner: string, recipient: string): PairIndex {
  let byRecipient = index.byOwner.get(owner);
  if (byRecipient === undefined) {
    byRecipient = new Map();
    index.byOwner.set(owner, byRecipient);
  }
  let pair = byRecipient.get(recipient);
  if (pair === undefined) {
    pair = buildPair(index.agreements, owner, recipient);
    byRecipient.set(recipient, pair);
  }
  return pair;
}

/** True when the agreement may be relied on today: active, complete and within its dates. */
export function agreementInForce(a: SharingAgreementFact, today: string): boolean {
  return a.status === 'active' && a.complete && withinDates(a.startDate, a.endDate, today);
}

function within(a: SharingAgreementFact, day: DayProbe): boolean {
  return day.onOrAfter(a.startDate) && (a.endDate === null || !day.after(a.endDate));
}

function covers(g: AgreementGrant, purpose: string, category: string): boolean {
  return g.purpose === purpose && (g.categories as readonly string[]).includes(category);
}

/** The first agreement in force that covers the purpose and category, in the order loaded. */
function coveringAgreement(
  grants: readonly PairGrant[],
  purpose: string,
  category: string,
  day: DayProbe,
): SharingAgreementFact | undefined {
  for (const { agreement: a, grant: g } of grants) {
    if (a.status === 'active' && a.complete && covers(g, purpose, category) && within(a, day)) return a;
  }
  return undefined;
}

/** The most precise reasons (as deny bits) that no agreement covers the need. */
function explainNoAgreement(
  grants: readonly PairGrant[],
  purpose: string,
  category: string,
  day: DayProbe,
): number {
  let pairInForce = false;
  let purposeSeen = false;
  let categorySeen = false;
  let incomplete = false;
  let suspended = false;
  let lapsed = false;
  for (const { agreement: a, grant: g } of grants) {
    if (!(a.status === 'active' && a.complete && within(a, day))) {
      if (!a.complete && a.status === 'active' && within(a, day)) incomplete = true;
      // An agreement that covered exactly this sharing but is suspended or has ended says so.
      if (covers(g, purpose, category)) {
        if (a.status === 'suspended') suspended = true;
        else if (
          a.status === 'expired' ||
          a.status === 'terminated' ||
          (a.status === 'active' && a.endDate !== null && day.after(a.endDate))
        )
          lapsed = true;
      }
      continue;
    }
    pairInForce = true;
    if (g.purpose === purpose) purposeSeen = true;
    if ((g.categories as readonly string[]).includes(category)) categorySeen = true;
  }
  if (!pairInForce)
    return (
      DENY.NO_ACTIVE_AGREEMENT |
      (incomplete ? DENY.AGREEMENT_INCOMPLETE : 0) |
      (suspended ? DENY.AGREEMENT_SUSPENDED : 0) |
      (lapsed ? DENY.AGREEMENT_LAPSED : 0)
    );
  // Another agreement is in force for the pair, but the one that covered exactly this is
  // suspended or has ended: that is the reason, not that the agreement in force omits it.
  if (suspended || lapsed)
    return (suspended ? DENY.AGREEMENT_SUSPENDED : 0) | (lapsed ? DENY.AGREEMENT_LAPSED : 0);
  let denied = 0;
  if (!purposeSeen) denied |= DENY.AGREEMENT_NOT_COVERING_PURPOSE;
  // Category is covered only for other purposes, or not at all: either way the category is the gap.
  if (purposeSeen || !categorySeen) denied |= DENY.AGREEMENT_NOT_COVERING_CATEGORY;
  return denied;
}

function shared<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function answerOn(
  index: AgreementIndex,
  grants: readonly PairGrant[],
  purpose: string,
  category: string,
  day: DayProbe,
): AgreementAnswer {
  const agreement = coveringAgreement(grants, purpose, category, day);
  if (agreement !== undefined) return shared(index.permits, agreement, () => ({ agreement, denied: 0 }));
  // A failed rule always leaves at least its headline reason.
  const found = explainNoAgreement(grants, purpose, category, day);
  const denied = found === 0 ? DENY.NO_ACTIVE_AGREEMENT : found;
  return shared(index.denials, denied, () => ({ agreement: undefined, denied }));
}

// Answers are shared (`answerOn`), so equal answers are the same object.
const sameAnswer = (a: AgreementAnswer, b: AgreementAnswer): boolean => a === b;

/** The timeline with the same content, if the index holds one, else this one, kept. */
function sharedTimeline(
  index: AgreementIndex,
  timeline: DayTimeline<AgreementAnswer>,
): DayTimeline<AgreementAnswer> {
  const ids = timeline.values.map((answer) => shared(index.ids, answer, () => index.ids.size));
  const key = JSON.stringify([timeline.bounds, timeline.strict, ids]);
  return shared(index.timelines, key, () => timeline);
}

/**
 * The answer for the need on every day, built when the need is asked about a second time. Kept
 * out of `agreementAnswerOf`: a closure makes V8 allocate a context on every call of the function
 * that holds it, even a call that never reaches the closure.
 */
function answerTimeline(
  index: AgreementIndex,
  pair: PairIndex,
  slot: number,
  purpose: string,
  category: string,
): DayTimeline<AgreementAnswer> {
  const timeline = sharedTimeline(
    index,
    timelineOf(
      pair.starts,
      pair.ends,
      (day) => answerOn(index, pair.grants, purpose, category, day),
      sameAnswer,
    ),
  );
  if (slot >= 0) pair.answers[slot] = timeline;
  else {
    let byCategory = pair.others.get(purpose);
    if (byCategory === undefined) {
      byCategory = new Map();
      pair.others.set(purpose, byCategory);
    }
    byCategory.set(category, timeline);
  }
  return timeline;
}

/**
 * The first agreement in force today that covers owner -> recipient, purpose and category, or
 * the most precise reasons none does. Worked out once per direction, purpose and category for
 * every stretch of days between the agreements' dates, since the agreements never change.
 */
export function agreementAnswerOf(
  index: AgreementIndex,
  owner: string,
  recipient: string,
  purpose: string,
  category: string,
  today: string,
  day: number,
): AgreementAnswer {
  const pair = pairOf(index, owner, recipient);
  const slot = slotOf(purpose, category);
  let timeline = slot < 0 ? pair.others.get(purpose)?.get(category) : pair.answers[slot];
  if (timeline === undefined) {
    if (slot >= 0 && pair.asked[slot] === 0) {
      pair.asked[slot] = 1;
      return answerOn(index, pair.grants, purpose, category, probeOf(today));
    }
    timeline = answerTimeline(index, pair, slot, purpose, category);
  }
  return valueOn(timeline, today, day);
}
