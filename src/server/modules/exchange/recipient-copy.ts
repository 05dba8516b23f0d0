/**
 * The recipient's copy of a handover, computed field by field by the decision function. Pure.
 *
 * Two questions are put for each field's category, and both must permit:
 * - the disclosure: may the sender, for this person and purpose, pass the data in this category to
 *   the recipient organisation (the sender's standing, the agreement in force from the data's owner
 *   to the recipient, the person's consent or a lawful exception). A field prefilled from the record
 *   is owned by the organisation that holds the entry it came from; a field the sender wrote is
 *   their own organisation's;
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

/** The decisions for one category of one owner's data. */
export interface CategoryDecision {
  readonly category: DataCategory;
  /** The organisation whose data it is. */
  readonly owner: string;
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

function decideCategory(q: CopyQuestion, category: DataCategory, owner: string): CategoryDecision {
  const disclosure = decide(
    {
      actor: q.sender,
      personId: q.personId,
      category,
      owningOrganisationId: owner,
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
    owner,
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

/**
 * Computes the recipient's copy of the given values, one decision pair per category and owner
 * used. `owners` names, per field, the organisation whose record entry the value came from; a
 * field not named there is the sender's organisation's.
 */
export function computeRecipientCopy(
  q: CopyQuestion,
  template: Template,
  values: Readonly<Record<string, string>>,
  owners: Readonly<Record<string, string>> = {},
): ComputedCopy {
  const decisions = new Map<string, CategoryDecision>();
  const fields = template.fields.map((f: TemplateField): CopyField => {
    const owner = owners[f.key] ?? q.sender.organisationId;
    const key = `${f.category}|${owner}`;
    let d = decisions.get(key);
    if (!d) {
      d = decideCategory(q, f.category, owner);
      decisions.set(key, d);
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
