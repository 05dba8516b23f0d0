/**
 * Domain types of anomaly detection: the audit entries the rules read, the facts they need, and
 * the findings they return. Pure: no I/O.
 */
import type { AnomalyRule } from '../../../contracts/assurance.ts';
import { PERSON_READ_ACTIONS as REGISTRY_PERSON_READS } from '../audit/audit-actions.ts';

/**
 * Actions that read (or tried to read) one person's record, from the audit registry. A record page
 * view writes several entries (own organisation's view, one disclosure per partner, one denial per
 * withheld owner) under one request id; rules count those as one read.
 */
export const PERSON_READ_ACTIONS: readonly string[] = REGISTRY_PERSON_READS;

/** Actions recording a break-glass grant itself (the grant id is the entry's target). */
export const BREAK_GLASS_ACTION_PREFIX = 'break_glass.';

/** One audit entry as the rules read it; entries without an actor never reach the rules. */
export interface AuditFact {
  readonly id: string;
  readonly at: string;
  readonly action: string;
  readonly actorStaffId: string;
  /** The actor's organisation at the time of the entry. */
  readonly actorOrganisationId: string;
  /** Roles the actor held at the time of the entry. */
  readonly actorRoles: readonly string[];
  readonly personId: string | null;
  readonly requestId: string | null;
  readonly breakGlassGrantId: string | null;
  readonly targetType: string | null;
  readonly targetId: string | null;
}

/** A care-team membership with its inclusive UK dates. */
export interface MembershipFact {
  readonly personId: string;
  readonly staffId: string | null;
  readonly teamId: string | null;
  readonly organisationId: string;
  readonly startDate: string;
  readonly endDate: string | null;
}

/** What is needed to tell whether a person is also a member of staff (matching only; never stored). */
export interface PersonIdentity {
  readonly email: string | null;
  readonly givenName: string;
  readonly familyName: string;
}

/** A staff account's matching fields. */
export interface StaffIdentity {
  readonly id: string;
  readonly email: string | null;
  readonly displayName: string;
}

/** The window a run covers, [from, to), as normalised ISO instants. */
export interface DetectionWindow {
  readonly from: string;
  readonly to: string;
}

/** Facts the rules need beyond the audit entries. */
export interface DetectionContext {
  readonly window: DetectionWindow;
  /** Memberships of every person read in the window. */
  readonly memberships: readonly MembershipFact[];
  /** Teams each actor belongs to (today: the directory keeps no history of team moves). */
  readonly teamsOf: ReadonlyMap<string, readonly string[]>;
  /** Identity fields of every person read in the window. */
  readonly people: ReadonlyMap<string, PersonIdentity>;
  /** Every staff account. */
  readonly staff: readonly StaffIdentity[];
}

/** A summary value: codes, dates and counts only. */
export type SummaryValue = string | number | boolean;

/** One anomaly found: who, when, why (in codes and counts), and the entries that show it. */
export interface Finding {
  readonly rule: AnomalyRule;
  readonly actorStaffId: string;
  readonly organisationId: string;
  /** Same rule, actor and period give the same key, so a re-run finds the case it opened before. */
  readonly dedupeKey: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly summary: Readonly<Record<string, SummaryValue>>;
  readonly evidence: readonly string[];
}

/** True for an entry that reads one person's record. */
export function isPersonRead(f: AuditFact): boolean {
  return f.personId !== null && PERSON_READ_ACTIONS.includes(f.action);
}

/** True when the entry lies inside the window. */
export function inWindow(f: AuditFact, window: DetectionWindow): boolean {
  return f.at >= window.from && f.at < window.to;
}

/** Entries of one request about one person are one read. */
export function readKey(f: AuditFact): string {
  return `${f.requestId ?? f.id}|${f.personId ?? ''}`;
}

/** Entries grouped for one finding, with the reads and people they add up to. */
export class EvidenceGroup {
  readonly actorStaffId: string;
  readonly organisationId: string;
  readonly entries: AuditFact[] = [];
  readonly reads = new Set<string>();
  readonly people = new Set<string>();
  /** Whether any entry lies inside the window: only such groups make findings. */
  touchesWindow = false;

  constructor(actorStaffId: string, organisationId: string) {
    this.actorStaffId = actorStaffId;
    this.organisationId = organisationId;
  }

  /** Adds an entry to the group. */
  add(f: AuditFact, window: DetectionWindow): void {
    if (inWindow(f, window)) this.touchesWindow = true;
    this.entries.push(f);
    this.reads.add(readKey(f));
    if (f.personId) this.people.add(f.personId);
  }

  /** The finding this group makes. */
  finding(rule: AnomalyRule, dedupeKey: string, summary: Record<string, SummaryValue>): Finding {
    const times = this.entries.map((e) => e.at).sort();
    return {
      rule,
      actorStaffId: this.actorStaffId,
      organisationId: this.organisationId,
      dedupeKey,
      windowStart: times[0] ?? '',
      windowEnd: times[times.length - 1] ?? '',
      summary,
      evidence: [...new Set(this.entries.map((e) => e.id))],
    };
  }
}

/** The value under a key, made and stored first when missing. */
export function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}

/** Gets or makes the group under a key. */
export function groupFor(groups: Map<string, EvidenceGroup>, key: string, f: AuditFact): EvidenceGroup {
  let group = groups.get(key);
  if (!group) {
    group = new EvidenceGroup(f.actorStaffId, f.actorOrganisationId);
    groups.set(key, group);
  }
  return group;
}
