import type { CareTeamMember } from '../../../contracts/people.ts';

/** Who or what a membership names: a staff member, else a team. */
export function memberName(m: CareTeamMember): string {
  return m.staffName ?? m.teamName ?? 'Unnamed member';
}

/** Current memberships first, then the most recent; stable within each. */
export function byCurrentThenRecent(members: readonly CareTeamMember[]): CareTeamMember[] {
  return [...members].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.startDate.localeCompare(a.startDate),
  );
}
