/** Generates one person's care team: who is involved, since when, and who has left or not yet started. */
import type { CareTeamRole } from '../../contracts/enums.ts';
import type { CareTeamMembershipRow } from '../modules/people/people.tables.ts';
import { daysBefore, workingInstant } from './demo-dates.ts';
import type { PartnershipIndex } from './partnership-index.ts';
import type { DemoCareRoster, DemoInvolvement } from './partnership-types.ts';
import type { Random } from './random.ts';

/** A person's generated care team. */
export interface GeneratedCareTeam {
  readonly memberships: CareTeamMembershipRow[];
  /** Usernames involved today (directly or through a team), with how many days ago they joined. */
  readonly involvedSince: Map<string, number>;
  /** Days ago the earliest membership started: roughly when the person became known to services. */
  readonly knownForDays: number;
}

/** Where the generator is: the person, the day and the lookups. */
export interface CareTeamInput {
  readonly random: Random;
  readonly index: number;
  readonly personId: string;
  readonly todayMs: number;
  readonly roster: DemoCareRoster;
  readonly partnership: PartnershipIndex;
}

// Days ago a membership started, and ended (null: still open). Negative start = starts in future.
interface Span {
  readonly start: number;
  readonly end: number | null;
}

/** Builds the care team of the person at `index`; anchors go round in turn so every caseload fills. */
export function generateCareTeam(input: CareTeamInput): GeneratedCareTeam {
  const { random: r, index, roster, partnership } = input;
  const memberships: CareTeamMembershipRow[] = [];
  const involvedSince = new Map<string, number>();
  let knownForDays = 0;
  const coordinatorName = roster.coordinators[index % roster.coordinators.length] ?? '';
  const coordinator = partnership.staff(coordinatorName);

  const add = (involvement: DemoInvolvement, span: Span): void => {
    const member = resolve(involvement, r, partnership);
    const startDate = daysBefore(input.todayMs, span.start);
    const createdAt = workingInstant(input.todayMs, Math.max(span.start, 1), r.int(0, 659));
    memberships.push({
      id: r.uuid(),
      person_id: input.personId,
      staff_id: member.staffId,
      team_id: member.teamId,
      organisation_id: member.organisationId,
      role: involvement.role,
      start_date: startDate,
      end_date: span.end === null ? null : daysBefore(input.todayMs, span.end),
      created_at: createdAt,
      // A coordinator records their own allocation; everyone else is added by the current coordinator.
      created_by: involvement.role === 'CARE_COORDINATOR' && member.staffId ? member.staffId : coordinator.id,
      updated_at: span.end === null ? createdAt : workingInstant(input.todayMs, Math.max(span.end, 1), 600),
    });
    knownForDays = Math.max(knownForDays, span.start);
    if (span.start <= 0 || span.end !== null) return;
    for (const username of member.usernames) {
      involvedSince.set(username, Math.max(involvedSince.get(username) ?? 0, span.start));
    }
  };

  const since = r.int(30, 800);
  add({ kind: 'staff', usernames: [coordinatorName], role: 'CARE_COORDINATOR' }, { start: since, end: null });
  add({ kind: 'team', team: roster.communityTeam, role: 'CLINICIAN' }, { start: since, end: null });
  if (r.chance(0.2)) {
    // Coordinators change; the old allocation stays on record, ended the day before the new one.
    const previous = roster.coordinators.find((c) => c !== coordinatorName);
    if (previous) {
      add(
        { kind: 'staff', usernames: [previous], role: 'CARE_COORDINATOR' },
        { start: since + r.int(60, 400), end: since + 1 },
      );
    }
  }

  const anchor = roster.anchors[index % roster.anchors.length];
  if (!anchor) throw new Error('the demo roster has no anchors');
  const brief = anchor.kind === 'team' && roster.briefTeams.includes(anchor.team);
  add(anchor, { start: brief ? r.int(3, 42) : r.int(14, since), end: null });
  const onWardNow = anchor.kind === 'team' && anchor.team === roster.ward;
  if (!onWardNow && r.chance(0.15)) {
    const admitted = r.int(60, 700);
    add(
      { kind: 'team', team: roster.ward, role: 'CLINICIAN' },
      { start: admitted, end: admitted - r.int(7, 45) },
    );
  }

  const roles = new Set<CareTeamRole>([anchor.role]);
  const wanted = r.int(1, 4);
  for (const extra of roster.extras) {
    if (roles.size >= wanted) break;
    if (roles.has(extra.involvement.role) || !r.chance(extra.probability)) continue;
    roles.add(extra.involvement.role);
    add(extra.involvement, extraSpan(r));
  }
  return { memberships, involvedSince, knownForDays };
}

function extraSpan(r: Random): Span {
  const roll = r.next();
  if (roll < 0.75) return { start: r.int(7, 700), end: null };
  if (roll < 0.9) {
    const start = r.int(120, 700);
    return { start, end: r.int(1, start - 30) };
  }
  return { start: -r.int(1, 30), end: null };
}

interface ResolvedMember {
  readonly staffId: string | null;
  readonly teamId: string | null;
  readonly organisationId: string;
  readonly usernames: readonly string[];
}

function resolve(involvement: DemoInvolvement, r: Random, partnership: PartnershipIndex): ResolvedMember {
  if (involvement.kind === 'team') {
    const team = partnership.team(involvement.team);
    return { staffId: null, teamId: team.id, organisationId: team.organisationId, usernames: team.members };
  }
  const staff = partnership.staff(r.pick(involvement.usernames));
  return {
    staffId: staff.id,
    teamId: null,
    organisationId: staff.organisationId,
    usernames: [staff.username],
  };
}
