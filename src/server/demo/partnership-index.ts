/** Lookups over a demo partnership by key, with the stable ids its rows will have. */
import type { OrganisationType, StaffRole } from '../../contracts/enums.ts';
import { organisationId, staffId, teamId } from './demo-ids.ts';
import type { DemoPartnership } from './partnership-types.ts';

/** A staff member with resolved ids. */
export interface IndexedStaff {
  readonly id: string;
  readonly username: string;
  readonly organisationId: string;
  readonly organisationType: OrganisationType;
  readonly roles: readonly StaffRole[];
}

/** A team with resolved ids and its members' usernames. */
export interface IndexedTeam {
  readonly id: string;
  readonly organisationId: string;
  readonly members: readonly string[];
}

/** The partnership resolved for fast lookups while generating. */
export interface PartnershipIndex {
  staff(username: string): IndexedStaff;
  team(key: string): IndexedTeam;
}

/**
 * Indexes a partnership, checking every cross-reference once so a typo in the fixed data fails
 * loudly here rather than as a foreign-key error halfway through a load.
 */
export function indexPartnership(partnership: DemoPartnership): PartnershipIndex {
  const orgTypes = new Map(partnership.organisations.map((o) => [o.key, o.type]));
  const staff = new Map<string, IndexedStaff>();
  const members = new Map<string, string[]>(partnership.teams.map((t) => [t.key, []]));
  for (const s of partnership.staff) {
    const organisationType = orgTypes.get(s.organisation);
    if (!organisationType)
      throw new Error(`demo staff ${s.username} names unknown organisation ${s.organisation}`);
    staff.set(s.username, {
      id: staffId(s.username),
      username: s.username,
      organisationId: organisationId(s.organisation),
      organisationType,
      roles: s.roles,
    });
    for (const key of s.teams) {
      const list = members.get(key);
      if (!list) throw new Error(`demo staff ${s.username} names unknown team ${key}`);
      list.push(s.username);
    }
  }
  const teams = new Map<string, IndexedTeam>();
  for (const t of partnership.teams) {
    if (!orgTypes.has(t.organisation))
      throw new Error(`demo team ${t.key} names unknown organisation ${t.organisation}`);
    teams.set(t.key, {
      id: teamId(t.key),
      organisationId: organisationId(t.organisation),
      members: members.get(t.key) ?? [],
    });
  }
  const index: PartnershipIndex = {
    staff(username) {
      const found = staff.get(username);
      if (!found) throw new Error(`the demo partnership has no staff member ${username}`);
      return found;
    },
    team(key) {
      const found = teams.get(key);
      if (!found) throw new Error(`the demo partnership has no team ${key}`);
      return found;
    },
  };
  checkReferences(partnership, index);
  return index;
}

function checkReferences(partnership: DemoPartnership, index: PartnershipIndex): void {
  const { care } = partnership;
  for (const username of care.coordinators) index.staff(username);
  index.team(care.communityTeam);
  index.team(care.ward);
  for (const key of care.briefTeams) index.team(key);
  for (const involvement of [...care.anchors, ...care.extras.map((e) => e.involvement)]) {
    if (involvement.kind === 'team') index.team(involvement.team);
    else if (involvement.usernames.length === 0) throw new Error('a demo involvement names no staff');
    else for (const username of involvement.usernames) index.staff(username);
  }
  for (const usernames of Object.values(partnership.writers))
    for (const username of usernames) index.staff(username);
  for (const g of partnership.governance) index.staff(g.username);
  if (care.coordinators.length === 0 || care.anchors.length === 0) {
    throw new Error('the demo partnership needs at least one care coordinator and one anchor involvement');
  }
}
