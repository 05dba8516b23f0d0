import { DATA_CATEGORIES, DATA_CATEGORY_LABELS, type DataCategory } from '../../../contracts/enums.ts';
import type { RecordEntry, RecordSection } from '../../../contracts/people.ts';
import type { Decision } from '../access/index.ts';
import { decideFor, type PersonAccessQuestion } from '../access/person-access.ts';
import type { AuditEvent } from '../audit/audit-entry.ts';

/**
 * Splits a person's entries into sections the caller sees and sections withheld, asking the
 * decision function once per category and owning organisation.
 */
export function presentSections(
  q: PersonAccessQuestion,
  entries: readonly RecordEntry[],
): SectionsWithDecisions {
  const taken: TakenDecision[] = [];
  const sections = DATA_CATEGORIES.map((category): RecordSection => {
    const own = decideFor(q, category, q.principal.organisationId);
    taken.push({ category, owner: q.principal.organisationId, decision: own });
    const inCategory = entries.filter((e) => e.category === category);
    const shown: RecordEntry[] = [];
    const reasons = new Map<string, string>();
    let withheld = 0;
    const byOwner = new Map<string, Decision>();
    for (const entry of inCategory) {
      let decision = byOwner.get(entry.organisationId);
      if (!decision) {
        decision = decideFor(q, category, entry.organisationId);
        byOwner.set(entry.organisationId, decision);
        if (entry.organisationId !== q.principal.organisationId)
          taken.push({ category, owner: entry.organisationId, decision });
      }
      if (decision.effect === 'permit') shown.push(entry);
      else {
        withheld += 1;
        for (const r of decision.reasons) reasons.set(r.code, r.message);
      }
    }
    if (own.effect === 'deny' && shown.length === 0)
      for (const r of own.reasons) reasons.set(r.code, r.message);
    // Outside the caller's tier even the count would tell something, so it is not given.
    const tierDenied = own.reasons.some(
      (r) => r.code === 'ROLE_TIER_EXCLUDES_CATEGORY' || r.code === 'RESTRICTED_CATEGORY_ROLE',
    );
    const status: RecordSection['status'] =
      shown.length > 0
        ? withheld > 0
          ? 'partial'
          : 'shown'
        : own.effect === 'permit' && withheld === 0
          ? 'shown'
          : 'withheld';
    return {
      category,
      label: DATA_CATEGORY_LABELS[category],
      status,
      // Outside the tier, other organisations' reasons would tell that they hold entries: only the
      // caller's own tier reasons are given.
      withheldReasons: (tierDenied ? own.reasons.map((r) => [r.code, r.message] as const) : [...reasons]).map(
        ([code, message]) => ({ code, message }),
      ),
      withheldCount: tierDenied ? 0 : withheld,
      entries: shown,
    };
  });
  return { sections, decisions: taken };
}

/** One decision the page view relied on. */
export interface TakenDecision {
  category: DataCategory;
  owner: string;
  decision: Decision;
}

/** Sections for the caller plus every decision taken to build them (for the audit log). */
export interface SectionsWithDecisions {
  sections: RecordSection[];
  decisions: TakenDecision[];
}

/**
 * Audit events for a view of a person's record: one entry for what the caller's own organisation
 * showed, one disclosure per other organisation whose data was shown (with its agreement and
 * consent basis), and one denial per organisation for what was withheld ("unable to share").
 */
export function viewAuditEvents(q: PersonAccessQuestion, decisions: readonly TakenDecision[]): AuditEvent[] {
  const actor = {
    staffId: q.principal.staffId,
    organisationId: q.principal.organisationId,
    roles: q.principal.roles,
  };
  const groups = new Map<string, TakenDecision[]>();
  for (const d of decisions) {
    const key = `${d.owner}|${d.decision.effect}|${d.decision.basis.agreementId ?? ''}|${d.decision.basis.agreementVersion ?? ''}|${d.decision.basis.consentProvisionId ?? d.decision.basis.exceptionId ?? ''}|${d.decision.basis.breakGlassGrantId ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const events: AuditEvent[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const { decision, owner } = first;
    const crossing = owner !== q.principal.organisationId;
    const reasons = [...new Set(group.flatMap((d) => d.decision.reasons.map((r) => r.code)))];
    events.push({
      action:
        decision.effect === 'deny' ? 'record.access.deny' : crossing ? 'record.disclose' : 'record.view',
      outcome: decision.effect,
      actor,
      personId: q.personId,
      categories: group.map((d) => d.category),
      purpose: q.purpose,
      ownerOrganisationId: owner,
      recipientOrganisationId: q.principal.organisationId,
      reasons,
      agreementId: decision.basis.agreementId ?? null,
      consentId: decision.basis.consentId ?? null,
      consentProvisionId: decision.basis.consentProvisionId ?? null,
      exceptionId: decision.basis.exceptionId ?? null,
      breakGlassGrantId: decision.basis.breakGlassGrantId ?? null,
      ...(decision.basis.agreementVersion !== undefined
        ? { details: { agreementVersion: decision.basis.agreementVersion } }
        : {}),
    });
  }
  return events;
}
