/**
 * The caller's caseload: the people they are named on first, then their teams' other people, each
 * with their consent at a glance. A page costs what a page costs: two name-ordered queries that
 * stop at the page, a bounded count, facts and consent for the rows shown only, and one batch of
 * audit entries.
 */
import { DATA_CATEGORIES } from '../../../contracts/enums.ts';
import {
  CASELOAD_COUNT_LIMIT,
  type Caseload,
  type CaseloadItem,
  type CaseloadQuery,
  type PersonSummary,
} from '../../../contracts/people.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import { loadMembershipsFor, loadOwnGrantsFor } from '../access/access-facts.repository.ts';
import {
  type ListAccess,
  mayKnowPerson,
  openList,
  type PersonAccessQuestion,
  partnershipPolicy,
} from '../access/index.ts';
import { caseloadConsentCondition, findCurrentConsentsFor } from '../consent/consent.repository.ts';
import { isReviewDue } from '../consent/consent.ts';
import {
  type CaseloadFilter,
  type CaseloadSection,
  countCaseload,
  findCaseloadSection,
} from './people.repository.ts';

// A review counts as coming up when its date falls within this many days.
const REVIEW_SOON_DAYS = 30;

function daysAfter(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function filterOf(list: ListAccess, query: CaseloadQuery): CaseloadFilter {
  const reviewBy =
    query.review === 'due'
      ? list.today
      : query.review === 'soon'
        ? daysAfter(list.today, REVIEW_SOON_DAYS)
        : undefined;
  return { q: query.q, conditions: caseloadConsentCondition(list, { status: query.consent, reviewBy }) };
}

interface PageRows {
  rows: { person: PersonSummary; section: CaseloadSection }[];
  hasMore: boolean;
}

/** The page's rows: the named section first, then the team section, each asked for one more row than it may show. */
async function pageRows(
  list: ListAccess,
  query: CaseloadQuery,
  filter: CaseloadFilter,
  limit: number,
  offset: number,
): Promise<PageRows> {
  const rows: PageRows['rows'] = [];
  let namedBefore = 0;
  if (query.show !== 'team') {
    const named = await findCaseloadSection(list, 'named', filter, { limit: limit + 1, offset });
    for (const person of named.slice(0, limit)) rows.push({ person, section: 'named' });
    if (named.length > limit || query.show === 'named') return { rows, hasMore: named.length > limit };
    // Where the team section starts: after every named person, counted only when this page is past them.
    namedBefore =
      named.length > 0
        ? offset + named.length
        : offset === 0
          ? 0
          : await countCaseload(list, 'named', filter, offset);
  }
  const room = limit - rows.length;
  const team = await findCaseloadSection(list, 'team', filter, {
    limit: room + 1,
    offset: Math.max(0, offset - namedBefore),
  });
  for (const person of team.slice(0, room)) rows.push({ person, section: 'team' });
  return { rows, hasMore: team.length > room };
}

/**
 * A page of the caller's caseload. A caller without standing (inactive, lapsed training, no tier)
 * gets an empty page; the refusal is audited. Each row shown is decided on its own facts, and one
 * list entry per person shown is written in one batch.
 */
export async function listCaseload(ctx: ServiceContext, query: CaseloadQuery): Promise<Caseload> {
  const empty = {
    items: [],
    page: query.page,
    pageSize: query.pageSize,
    total: 0,
    totalExact: true,
    hasMore: false,
  };
  const list = await openList(ctx, 'caseload', 'caseload.list');
  if (!list) return empty;
  const filter = filterOf(list, query);
  const offset = (query.page - 1) * query.pageSize;
  const { rows, hasMore } = await pageRows(list, query, filter, query.pageSize, offset);
  // The last page tells its own total; otherwise count, no further than the limit.
  const lastPage = !hasMore && (rows.length > 0 || offset === 0);
  const counted = lastPage
    ? offset + rows.length
    : await countCaseload(list, query.show, filter, CASELOAD_COUNT_LIMIT);
  const totalExact = lastPage || counted <= CASELOAD_COUNT_LIMIT;
  const ids = rows.map((r) => r.person.id);
  const [policy, memberships, grants, consents] = await Promise.all([
    partnershipPolicy(ctx.database.db),
    loadMembershipsFor(list, ids),
    loadOwnGrantsFor(list, ids),
    findCurrentConsentsFor(list, ids),
  ]);
  const at = ctx.now.toISOString();
  const items: CaseloadItem[] = [];
  for (const { person } of rows) {
    const careTeam = memberships.get(person.id) ?? [];
    const q: PersonAccessQuestion = {
      principal: ctx.principal,
      personId: person.id,
      facts: {
        careTeam,
        breakGlassGrants: grants.get(person.id) ?? [],
        agreements: [],
        consent: null,
        lawfulExceptions: [],
      },
      policy,
      at,
      purpose: 'DIRECT_CARE',
    };
    // The query found them by the rule's own involvement test; the decision still has the last word.
    if (!mayKnowPerson(q, DATA_CATEGORIES)) continue;
    const namedAs = careTeam
      .filter(
        (m) =>
          m.staffId === list.staffId &&
          m.organisationId === list.organisationId &&
          m.startDate <= list.today &&
          (m.endDate === null || m.endDate >= list.today),
      )
      .map((m) => m.role);
    const consent = consents.get(person.id);
    items.push({
      ...person,
      namedOnCareTeam: namedAs.length > 0,
      namedAs: [...new Set(namedAs)],
      consent: consent
        ? {
            status: consent.status as CaseloadItem['consent']['status'],
            reviewDate: consent.review_date,
            reviewDue: isReviewDue(consent, list.today),
          }
        : { status: 'none', reviewDate: null, reviewDue: false },
    });
  }
  // One entry per person shown, so each person's access report lists who saw them in a list.
  await ctx.audit.append(
    items.length > 0
      ? items.map((p) => ({
          action: 'caseload.list' as const,
          outcome: 'permit' as const,
          actor: auditActor(ctx),
          personId: p.id,
          purpose: 'DIRECT_CARE',
          details: { searched: Boolean(query.q) },
        }))
      : [{ action: 'caseload.list', outcome: 'success', actor: auditActor(ctx), details: { shown: 0 } }],
    ctx.now,
    ctx.requestId,
  );
  return {
    items,
    page: query.page,
    pageSize: query.pageSize,
    total: totalExact ? counted : CASELOAD_COUNT_LIMIT,
    totalExact,
    hasMore,
  };
}
