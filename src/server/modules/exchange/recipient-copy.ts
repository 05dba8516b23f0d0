/**
 * The recipient's copy of a handover, computed field by field by the decision function. Pure.
 *
 * Two questions are put for each field's category, and both must permit:
 * - the disclosure: may the sender, for this person and purpose, pass their organisation's data in
 *   this category to the recipient organisation (the sender's standing, the agreement in force, the
 *   person's consent or a lawful exception);
 * - the recipient's standing: would the receiving lead's account, training and role tier let them
 *   hold this category. The handover itself is their relationship to the person (as a referral is),
 *   so that question is asked with the handover standing in for care-team involvement and nothing
 *   else: no agreement or consent is assumed, since no organisation boundary is crossed in it.
 */
import { DATA_CATEGORY_LABELS, type DataCategory, type Purpose } from '../../../contracts/enums.ts';
import type { CopyField, TemplateField } from '../../../contracts/exchange.ts';
import { type AccessFacts, type Actor, type Decision, decide, type TierPolicy } from '../access/index.ts';
import { messageAboutStaffMember } from '../access/reasons.ts';
import type { Template } from './exchange.ts';

/** Everything the copy is computed from. */
export interface CopyQuestion {
  readonly sender: Actor;
  readonly lead: Actor;
  readonly personId: string;
  readonly recipientOrganisationId: string;
  readonly purpose: Purpose;
  readonly at: string;
  /** The person's facts as the sender's request loaded them (care team, agreements, consent). */
  readonly facts: AccessFacts;
  readonly policy: TierPolicy;
}

/** The decisions for one category. */
export interface CategoryDecision {
  readonly category: DataCategory;
  readonly disclosure: Decision;
  readonly recipient: Decision;
  readonly permitted: boolean;
}

/** The copy plus the decisions behind it, for the audit entries. */
export interface ComputedCopy {
  readonly fields: CopyField[];
  readonly decisions: CategoryDecision[];
}

// Reasons about the receiving side are worded about them, not to the reader (the sender).
const ABOUT_RECIPIENT = new Set(['CONSENT_RESTRICTS_CATEGORY', 'CONSENT_NOT_COVERING_PARTNER']);

function decideCategory(q: CopyQuestion, category: DataCategory): CategoryDecision {
  const disclosure = decide(
    {
      actor: q.sender,
      personId: q.personId,
      category,
      owningOrganisationId: q.sender.organisationId,
      action: 'disclose',
      recipientOrganisationId: q.recipientOrganisationId,
      purpose: q.purpose,
      at: q.at,
      facts: q.facts,
    },
    q.policy,
  );
  const today = q.at.slice(0, 10);
  const recipient = decide(
    {
      actor: q.lead,
      personId: q.personId,
      category,
      owningOrganisationId: q.lead.organisationId,
      action: 'view',
      purpose: q.purpose,
      at: q.at,
      facts: {
        careTeam: [
          {
            id: 'handover',
            staffId: q.lead.staffId,
            teamId: null,
            organisationId: q.lead.organisationId,
            role: 'OTHER',
            startDate: today,
            endDate: null,
          },
        ],
        agreements: [],
        consent: null,
        lawfulExceptions: [],
        breakGlassGrants: [],
      },
    },
    q.policy,
  );
  return {
    category,
    disclosure,
    recipient,
    permitted: disclosure.effect === 'permit' && recipient.effect === 'permit',
  };
}

function markerReasons(d: CategoryDecision): { code: string; message: string }[] {
  const out = new Map<string, string>();
  if (d.disclosure.effect === 'deny')
    for (const r of d.disclosure.reasons)
      out.set(r.code, ABOUT_RECIPIENT.has(r.code) ? messageAboutStaffMember(r.code) : r.message);
  if (d.recipient.effect === 'deny')
    for (const r of d.recipient.reasons) out.set(r.code, messageAboutStaffMember(r.code));
  return [...out].map(([code, message]) => ({ code, message }));
}

/** Computes the recipient's copy of the given values, one decision pair per category used. */
export function computeRecipientCopy(
  q: CopyQuestion,
  template: Template,
  values: Readonly<Record<string, string>>,
): ComputedCopy {
  const decisions = new Map<DataCategory, CategoryDecision>();
  const fields = template.fields.map((f: TemplateField): CopyField => {
    let d = decisions.get(f.category);
    if (!d) {
      d = decideCategory(q, f.category);
      decisions.set(f.category, d);
    }
    const given = (values[f.key] ?? '').trim();
    return {
      key: f.key,
      label: f.label,
      category: f.category,
      value: d.permitted && given !== '' ? given : null,
      withheld: d.permitted
        ? null
        : {
            category: f.category,
            categoryLabel: DATA_CATEGORY_LABELS[f.category],
            reasons: markerReasons(d),
          },
    };
  });
  return { fields, decisions: [...decisions.values()] };
}
