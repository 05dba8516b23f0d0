/**
 * What each organisation's staff will actually see under a consent: the decision function asked, as
 * a member of that organisation's staff holding each role its staff hold, about every category the
 * care team's other organisations record, with the agreements and tiers in force. Consent alone can
 * permit more than an agreement or a role allows; the summary then says what reaches people, not
 * what consent would allow.
 */
import { DATA_CATEGORIES, type DataCategory, type StaffRole } from '../../../contracts/enums.ts';
import {
  type CareTeamMembership,
  type ConsentFact,
  decide,
  type SharingAgreementFact,
  type TierPolicy,
} from '../access/index.ts';

/** What an organisation's staff would see of what other organisations record, in all and by role. */
export interface Reach {
  /** Whether some member of the organisation's staff would see the category. */
  sees(organisationId: string, category: DataCategory): boolean;
  /** For each role its staff hold, the categories a member holding it would see. */
  byRole(organisationId: string): { role: StaffRole; categories: DataCategory[] }[];
}

/** The facts a reach is computed from. */
export interface ReachFacts {
  readonly consent: ConsentFact;
  /** Organisations on the care team (the owners whose records could cross). */
  readonly careTeamOrganisationIds: readonly string[];
  readonly agreements: readonly SharingAgreementFact[];
  readonly tiers: TierPolicy;
  /** The roles held by each organisation's active staff. */
  readonly rolesByOrganisation: ReadonlyMap<string, readonly StaffRole[]>;
  readonly at: string;
  readonly today: string;
}

/**
 * A reach over the given facts; pure, memoised per organisation. It asks with no break-glass grants, no
 * lawful exceptions and a consent not due for review, so `at` matters only through its UK day (the
 * agreements and routine consent in force): the person header's summary is kept per day on that basis
 * (consent-facts.ts).
 */
export function reachOf(facts: ReachFacts): Reach {
  const seen = new Map<string, Map<StaffRole, Set<DataCategory>>>();
  const compute = (organisationId: string): Map<StaffRole, Set<DataCategory>> => {
    // Roles whose tier holds no category (IG leads, administrators) see no person data at all.
    const roles = (facts.rolesByOrganisation.get(organisationId) ?? []).filter(
      (r) => (facts.tiers.tiers[r] ?? []).length > 0,
    );
    const owners = facts.careTeamOrganisationIds.filter((o) => o !== organisationId);
    const careTeam: CareTeamMembership[] = [organisationId, ...owners].map((o, i) => ({
      id: `reach-${i}`,
      staffId: o === organisationId ? 'reach' : null,
      teamId: null,
      organisationId: o,
      role: 'OTHER',
      startDate: facts.today,
      endDate: null,
    }));
    const decisionFacts = {
      careTeam,
      breakGlassGrants: [],
      agreements: facts.agreements,
      consent: facts.consent,
      lawfulExceptions: [],
    };
    const reached = new Map<StaffRole, Set<DataCategory>>();
    for (const role of roles) {
      const mine = new Set<DataCategory>();
      reached.set(role, mine);
      const actor = {
        staffId: 'reach',
        organisationId,
        teamIds: [],
        roles: [role],
        active: true,
        igTrainingExpiresOn: '9999-12-31',
        safeguardingTrained: true,
      };
      for (const category of DATA_CATEGORIES) {
        const permitted = owners.some(
          (owner) =>
            decide(
              {
                actor,
                personId: 'reach',
                category,
                owningOrganisationId: owner,
                action: 'view',
                purpose: 'DIRECT_CARE',
                at: facts.at,
                facts: decisionFacts,
              },
              facts.tiers,
            ).effect === 'permit',
        );
        if (permitted) mine.add(category);
      }
    }
    return reached;
  };
  const of = (organisationId: string) => {
    let byRole = seen.get(organisationId);
    if (!byRole) {
      byRole = compute(organisationId);
      seen.set(organisationId, byRole);
    }
    return byRole;
  };
  return {
    sees: (organisationId, category) => [...of(organisationId).values()].some((s) => s.has(category)),
    byRole: (organisationId) =>
      [...of(organisationId)].map(([role, set]) => ({
        role,
        categories: DATA_CATEGORIES.filter((c) => set.has(c)),
      })),
  };
}
