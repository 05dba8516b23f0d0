/**
 * "What we share and when": the plain-language guide for one organisation and role, generated
 * from the agreements in force, the tier policy and the consent rules, with the scenario guidance
 * beside it; and where a staff member's acknowledgement of it stands. Pure: no I/O. The guide
 * names organisations, agreements and governance contacts, never a person using services.
 */
import { createHash } from 'node:crypto';
import {
  DATA_CATEGORY_LABELS,
  type DataCategory,
  LAWFUL_EXCEPTION_GROUNDS,
  type StaffRole,
} from '../../../contracts/enums.ts';
import type { GuideLine } from '../../../contracts/sharing-guide.ts';
import {
  type AcknowledgementState,
  type Scenario,
  SITUATION_LABELS,
  SITUATIONS,
  type Situation,
} from '../../../contracts/sharing-guide.ts';
import type { TierPolicy } from '../access/index.ts';
import type { AgreementRecord } from './agreements.repository.ts';
import { isInForce } from './agreements.ts';
import {
  ARTICLE_6_WORDS,
  ARTICLE_9_WORDS,
  COMMON_LAW_WORDS,
  EXCEPTION_WORDS,
  PURPOSE_WORDS,
} from './sharing-guide-words.ts';

/** A guide acknowledgement lapses a year after it is given, like annual IG training. */
export const GUIDE_ACKNOWLEDGEMENT_DAYS = 365;

/** What the guide is generated from. */
export interface GuideSources {
  readonly organisationId: string;
  readonly role: StaffRole;
  readonly today: string;
  readonly names: ReadonlyMap<string, string>;
  readonly agreements: readonly AgreementRecord[];
  readonly policy: TierPolicy;
  readonly contacts: readonly { role: string; name: string }[];
  readonly scenarios: readonly Scenario[];
}

/** The guide's content, before the reader's own acknowledgement and abilities are attached. */
export interface GuideContent {
  readonly organisationId: string;
  readonly organisationName: string;
  readonly role: StaffRole;
  readonly fingerprint: string;
  readonly generatedOn: string;
  readonly mayUse: { category: DataCategory; label: string }[];
  readonly restricted: string[];
  readonly partners: { organisationId: string; organisationName: string; lines: GuideLine[] }[];
  readonly consentRules: string[];
  readonly lawfulExceptions: string[];
  readonly contacts: { role: string; name: string }[];
  readonly scenarios: Scenario[];
}

const label = (c: DataCategory): string => DATA_CATEGORY_LABELS[c].toLowerCase();

/** The consent rule for sharing with one partner, in plain words. */
function consentWords(partner: string, direction: 'send' | 'receive'): string {
  return direction === 'send'
    ? `Needs the person’s consent: routine-coordination consent while ${partner} is on their care team, or consent naming ${partner}. A refusal, a withdrawal or a restriction on ${partner} or these categories stops it, unless a lawful exception is recorded.`
    : `${partner} shares only with the person’s consent or a recorded lawful exception.`;
}

function legalBasisOf(a: AgreementRecord): string[] {
  const v = a.current;
  return [
    ...(v.article6Basis ? [ARTICLE_6_WORDS[v.article6Basis]] : []),
    ...(v.article9Condition ? [ARTICLE_9_WORDS[v.article9Condition]] : []),
    ...(v.dpaSchedule1Condition ? [`DPA 2018 Schedule 1: ${v.dpaSchedule1Condition}`] : []),
    ...(v.commonLawBasis ? [COMMON_LAW_WORDS[v.commonLawBasis]] : []),
  ];
}

/** Scenario guidance for every situation, blank where the IG leads have written none yet. */
export function withEverySituation(scenarios: readonly Scenario[]): Scenario[] {
  return SITUATIONS.map(
    (s: Situation) =>
      scenarios.find((x) => x.situation === s) ?? {
        situation: s,
        label: SITUATION_LABELS[s],
        version: 0,
        body: '',
        changeNote: '',
        disputeId: null,
        updatedAt: null,
      },
  );
}

/**
 * The guide for one organisation and role. Only agreements in force today count; a line names
 * only the categories the role's tier may see, and disappears when none remain.
 */
export function buildGuide(src: GuideSources): GuideContent {
  const tier = new Set(src.policy.tiers[src.role] ?? []);
  const name = (id: string): string => src.names.get(id) ?? 'a partner organisation';
  const byPartner = new Map<string, GuideLine[]>();
  for (const a of src.agreements) {
    if (!isInForce(a.current, src.today)) continue;
    for (const g of a.current.grants) {
      const direction =
        g.fromOrganisationId === src.organisationId
          ? 'send'
          : g.toOrganisationId === src.organisationId
            ? 'receive'
            : null;
      if (direction === null) continue;
      const partner = direction === 'send' ? g.toOrganisationId : g.fromOrganisationId;
      if (partner === src.organisationId) continue;
      const categories = g.categories.filter((c) => tier.has(c));
      if (categories.length === 0) continue;
      const lines = byPartner.get(partner) ?? [];
      lines.push({
        direction,
        categories,
        categoryWords: categories.map(label).join(', '),
        purpose: g.purpose,
        purposeWords: PURPOSE_WORDS[g.purpose],
        agreementId: a.id,
        agreementReference: a.reference,
        agreementTitle: a.current.title,
        legalBasis: legalBasisOf(a),
        consent: consentWords(name(partner), direction),
      });
      byPartner.set(partner, lines);
    }
  }
  const partners = [...byPartner]
    .map(([organisationId, lines]) => ({ organisationId, organisationName: name(organisationId), lines }))
    .sort(
      (x, y) =>
        x.organisationName.localeCompare(y.organisationName) ||
        x.organisationId.localeCompare(y.organisationId),
    );
  const restricted = Object.entries(src.policy.restricted).flatMap(([category, rule]) =>
    rule
      ? [
          `${DATA_CATEGORY_LABELS[category as DataCategory]} is restricted: ${
            rule.viewRoles.includes(src.role) ? 'your role may see it' : 'your role may not see it'
          }${rule.editRequiresSafeguardingTraining ? '; editing it needs current safeguarding training' : ''}.`,
        ]
      : [],
  );
  const content = {
    organisationId: src.organisationId,
    organisationName: name(src.organisationId),
    role: src.role,
    mayUse: [...tier].sort().map((c) => ({ category: c, label: DATA_CATEGORY_LABELS[c] })),
    restricted,
    partners,
    consentRules: [
      'Within your own organisation you may use what your role may see for the care of people on your caseload.',
      'Sharing with another organisation needs an agreement in force that covers the categories and the purpose (listed below) and the person’s consent.',
      'Check the person’s consent before you share: it may name partners, restrict categories or have been refused or withdrawn. Accord shows what was withheld and why.',
      'If the person lacks capacity to decide, share only what is in their best interests and record why.',
      'Share the minimum: use the handover templates, which carry only the fields a partner needs.',
    ],
    lawfulExceptions: [
      ...LAWFUL_EXCEPTION_GROUNDS.map((g) => EXCEPTION_WORDS[g]),
      'Every lawful exception needs your written rationale at the time; your IG lead reviews each one.',
    ],
    contacts: [...src.contacts],
    scenarios: withEverySituation(src.scenarios),
  };
  return { ...content, generatedOn: src.today, fingerprint: fingerprintOf(content) };
}

/** SHA-256 of the guide's content: what it says, not when it was generated. */
export function fingerprintOf(content: object): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** The day an acknowledgement given today lapses. */
export function guideLapsesOn(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + GUIDE_ACKNOWLEDGEMENT_DAYS);
  return d.toISOString().slice(0, 10);
}

/**
 * Where an acknowledgement stands: lapsed once its date has come (like training), changed when
 * the guide now says something other than what was acknowledged, missing when there is none.
 */
export function acknowledgementState(
  latest: { fingerprint: string; lapsesOn: string } | undefined,
  fingerprint: string,
  today: string,
): AcknowledgementState {
  if (!latest) return 'missing';
  if (latest.lapsesOn < today) return 'lapsed';
  return latest.fingerprint === fingerprint ? 'current' : 'changed';
}
