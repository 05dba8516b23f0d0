/**
 * What a person's consent means, in sentences the person and practitioners read. Computed with the
 * decision function's own consent rule (deny wins), so the capture screen, the person header and
 * every decision agree.
 */
import type { ConsentStatusCode } from '../../../contracts/consent.ts';
import {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  type DataCategory,
  type OrganisationType,
  type StaffRole,
} from '../../../contracts/enums.ts';
import type { CareTeamMembership, ConsentFact, ConsentProvision, ReasonCode } from '../access/index.ts';
// The decision function's own consent rule, reused so the summary cannot drift from it
// (access/index.ts does not re-export it yet).
import { explainConsent, permittingProvisionOf } from '../access/index.ts';
import { type Contradiction, findContradictions, type ProvisionDraft } from './consent.ts';
import type { Reach } from './consent-reach.ts';

/** An organisation the summary may name, and whether it is on the person's care team now. */
export interface SummaryOrganisation {
  readonly id: string;
  readonly name: string;
  readonly type: OrganisationType | string;
  readonly onCareTeam: boolean;
}

/** How a role is named in a summary sentence. */
const ROLE_WORDS: Readonly<Record<StaffRole, string>> = {
  frontline: 'frontline staff see',
  care_manager: 'care coordinators see',
  clinical: 'clinicians see',
  duty: 'duty workers see',
  safeguarding_lead: 'safeguarding leads see',
  service_manager: 'service managers see',
  ig_lead: 'IG leads see',
  system_admin: 'administrators see',
  commissioner: 'commissioners see',
};

/** What one organisation will and will never receive from other organisations. */
export interface PartnerSummary {
  readonly organisationId: string;
  readonly organisationName: string;
  readonly onCareTeam: boolean;
  readonly sees: DataCategory[];
  readonly never: DataCategory[];
  readonly sentence: string;
  /** With a reach: what staff in each role the organisation's staff hold would see. */
  readonly byRole?: { role: StaffRole; sees: DataCategory[] }[];
}

/** A contradiction with the sentence that says how deny-wins resolved it. */
export interface ExplainedContradiction extends Contradiction {
  readonly message: string;
}

/** The consent in plain language. */
export interface ConsentSummary {
  readonly headline: string;
  readonly partners: PartnerSummary[];
  readonly everyoneElse: string;
  /** Headline, one sentence per partner, then what holds for everyone else: the text to show. */
  readonly sentences: string[];
  readonly contradictions: ExplainedContradiction[];
}

// Any fixed day works: the synthetic care team below is open on every day.
const SUMMARY_DAY = '2000-01-01';
// Stands for "an organisation not named anywhere": it matches only provisions naming no organisation.
const ANY_OTHER = '00000000-0000-0000-0000-000000000000';

const HEADLINES: Readonly<Record<ConsentStatusCode | 'none', string>> = {
  given:
    'Consent to share is given. Each organisation always sees what it recorded itself; between organisations, this is what applies.',
  refused: 'Consent to share was refused.',
  withdrawn: 'Consent to share has been withdrawn.',
  none: 'No consent to share has been recorded.',
};
const NOTHING_SHARED =
  'No organisation will see information recorded by another, unless a lawful exception applies (for example, to keep someone safe).';

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * The consent in plain language for the organisations given (the care team's and any named in the
 * provisions), using the decision function's deny-wins rule. `status` null means none is recorded.
 * With a `reach` (consent-reach.ts), what each organisation "will see" is what its staff would be
 * shown under the agreements and tiers as well, never more than they may receive.
 */
export function consentSummary(
  provisions: readonly ProvisionDraft[],
  status: ConsentStatusCode | null,
  organisations: readonly SummaryOrganisation[],
  labels: Readonly<Record<DataCategory, string>> = DATA_CATEGORY_LABELS,
  reach?: Reach,
): ConsentSummary {
  const list = (categories: readonly DataCategory[]): string =>
    categories.length === 0 || categories.length === DATA_CATEGORIES.length
      ? 'all information'
      : categories.map((c) => lower(labels[c])).join(', ');
  const nameOf = (id: string | null): string =>
    organisations.find((o) => o.id === id)?.name ?? 'an organisation not on the care team';
  const contradictions = findContradictions(provisions).map((c) => ({
    ...c,
    message: contradictionMessage(c, provisions, list, nameOf),
  }));
  if (status !== 'given') {
    const headline = HEADLINES[status ?? 'none'];
    return {
      headline,
      partners: [],
      everyoneElse: NOTHING_SHARED,
      sentences: [headline, NOTHING_SHARED],
      contradictions,
    };
  }

  const fact: ConsentFact = {
    id: 'summary',
    status,
    reviewDue: false,
    provisions: provisions.map((p, i): ConsentProvision => ({ id: String(i), ...p })),
  };
  const careTeam: CareTeamMembership[] = [...organisations, { id: ANY_OTHER, onCareTeam: true }]
    .filter((o) => o.onCareTeam)
    .map((o) => ({
      id: `summary-${o.id}`,
      staffId: null,
      teamId: null,
      organisationId: o.id,
      role: 'OTHER',
      startDate: SUMMARY_DAY,
      endDate: null,
    }));
  const view = (organisationId: string, team: readonly CareTeamMembership[]) => {
    const sees: DataCategory[] = [];
    const never: DataCategory[] = [];
    for (const category of DATA_CATEGORIES) {
      const q = { recipientOrganisationId: organisationId, category, careTeam: team, today: SUMMARY_DAY };
      // Consent permits it; with a reach, the agreements and the staff's roles must too.
      if (
        permittingProvisionOf(fact, q) !== undefined &&
        (reach === undefined || organisationId === ANY_OTHER || reach.sees(organisationId, category))
      )
        sees.push(category);
      const denied: ReasonCode[] = [];
      explainConsent(fact, q, denied);
      if (denied.includes('CONSENT_RESTRICTS_CATEGORY')) never.push(category);
    }
    return { sees, never };
  };

  const partners = organisations.map((o): PartnerSummary => {
    const { sees, never } = view(o.id, careTeam);
    const seeing =
      sees.length > 0 ? `will see: ${list(sees)}.` : 'will not see anything from other organisations.';
    // Staff in different roles see different things: said role by role where they differ.
    const byRole = (reach?.byRole(o.id) ?? []).map((r) => ({
      role: r.role,
      sees: r.categories.filter((c) => sees.includes(c)),
    }));
    const differ = byRole.some((r) => r.sees.length !== sees.length);
    const roles = differ
      ? ` By role: ${byRole
          .map(
            (r) =>
              `${ROLE_WORDS[r.role]} ${r.sees.length > 0 ? list(r.sees) : 'nothing from other organisations'}`,
          )
          .join('; ')}.`
      : '';
    const sentence = `${o.name} ${seeing}${roles}${never.length > 0 ? ` Never: ${list(never)}.` : ''}`;
    return {
      organisationId: o.id,
      organisationName: o.name,
      onCareTeam: o.onCareTeam,
      sees,
      never,
      sentence,
      ...(reach ? { byRole } : {}),
    };
  });

  const extra: string[] = [];
  const joiner = view(ANY_OTHER, careTeam);
  if (joiner.sees.length > 0)
    extra.push(`An organisation that joins the care team later will see: ${list(joiner.sees)}.`);
  const outsider = view(ANY_OTHER, []);
  if (outsider.never.length > 0) extra.push(`No organisation will ever see: ${list(outsider.never)}.`);
  const everyoneElse = provisions.some((p) => p.kind === 'NAMED_PARTNER')
    ? 'No other organisation will see anything.'
    : 'No one outside the care team’s organisations will see anything.';
  const headline = HEADLINES.given;
  return {
    headline,
    partners,
    everyoneElse,
    sentences: [headline, ...partners.map((p) => p.sentence), ...extra, everyoneElse],
    contradictions,
  };
}

function contradictionMessage(
  c: Contradiction,
  provisions: readonly ProvisionDraft[],
  list: (categories: readonly DataCategory[]) => string,
  nameOf: (id: string | null) => string,
): string {
  const permit = provisions[c.permitIndex];
  const outcome =
    c.organisationId === null
      ? `no organisation will see ${list(c.categories)}`
      : `${nameOf(c.organisationId)} will not see ${list(c.categories)}`;
  const permission =
    permit?.kind === 'NAMED_PARTNER'
      ? `the permission to share with ${nameOf(permit.organisationId)}`
      : 'routine coordination with the care team';
  return `The restriction wins: ${outcome}, although ${permission} covers it.`;
}
