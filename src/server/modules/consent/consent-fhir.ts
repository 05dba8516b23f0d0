/**
 * A person's consent as a FHIR R4 Consent resource, for partners' systems. `policyRule` carries the
 * person's decision (opt in or out) and the lawful bases are recorded beside it, apart. The base
 * provision denies; each Accord provision is a nested provision (permit for routine coordination and
 * named partners, deny for restrictions) naming the organisations it reaches as actors and its data
 * categories as `class` codes, with an extension saying which kind of Accord provision it is, so a
 * round trip keeps every provision. Pure: no I/O.
 */
import type {
  CodeableConcept,
  Consent,
  ConsentProvision,
  ConsentProvisionActor,
  Extension,
  Reference,
} from 'fhir/r4.js';
import type { CapacityCode, ConsentStatusCode } from '../../../contracts/consent.ts';
import type { ConsentProvision as AccordProvision } from '../access/index.ts';

/** Code systems and identifiers the resource uses. */
export const FHIR_SYSTEMS = {
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  dataCategory: 'https://accord.invalid/fhir/CodeSystem/data-category',
  provisionKind: 'https://accord.invalid/fhir/CodeSystem/consent-provision-kind',
  lawfulBasis: 'https://accord.invalid/fhir/CodeSystem/lawful-basis',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  loinc: 'http://loinc.org',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
} as const;

/** Accord's extensions on the Consent resource and its provisions. */
export const FHIR_EXTENSIONS = {
  provisionKind: 'https://accord.invalid/fhir/StructureDefinition/consent-provision-kind',
  capacity: 'https://accord.invalid/fhir/StructureDefinition/consent-capacity',
  bestInterests: 'https://accord.invalid/fhir/StructureDefinition/consent-best-interests-decision',
  decisionMaker: 'https://accord.invalid/fhir/StructureDefinition/consent-decision-maker',
  explanation: 'https://accord.invalid/fhir/StructureDefinition/consent-explanation',
  reviewDate: 'https://accord.invalid/fhir/StructureDefinition/consent-review-date',
  reviewDue: 'https://accord.invalid/fhir/StructureDefinition/consent-review-due',
  lawfulBasis: 'https://accord.invalid/fhir/StructureDefinition/consent-lawful-basis',
  careTeamActor: 'https://accord.invalid/fhir/StructureDefinition/consent-actor-on-care-team',
} as const;

/** The R4 Consent as Accord writes it: the elements Accord always fills are required. */
export type FhirConsent = Consent &
  Required<Pick<Consent, 'id' | 'meta' | 'extension' | 'patient' | 'dateTime' | 'policy' | 'policyRule'>> & {
    provision: ConsentProvision;
  };

/** A consent version as the exporter needs it. */
export interface ConsentRecord {
  readonly id: string;
  readonly version: number;
  readonly status: ConsentStatusCode;
  readonly capacity: CapacityCode;
  readonly bestInterestsDecision: string | null;
  readonly decisionMaker: string | null;
  readonly explanation: string;
  readonly capturedAt: string;
  readonly recordedAt: string;
  readonly capturedByOrganisationId: string;
  readonly reviewDate: string;
  readonly reviewDue: boolean;
  readonly provisions: readonly AccordProvision[];
}

/** Accord status to FHIR Consent.status. */
export const FHIR_STATUS_OF: Readonly<Record<ConsentStatusCode, Consent['status']>> = {
  given: 'active',
  refused: 'rejected',
  withdrawn: 'inactive',
};

function organisationRef(id: string, names: ReadonlyMap<string, string>): Reference {
  const display = names.get(id);
  return { reference: `Organization/${id}`, type: 'Organization', ...(display ? { display } : {}) };
}

const RECIPIENT_ROLE: CodeableConcept = {
  coding: [{ system: FHIR_SYSTEMS.participationType, code: 'IRCP', display: 'information recipient' }],
};

/**
 * The organisations a provision reaches. A named partner or a provision about one organisation names
 * it; routine coordination reaches whoever is on the care team, so the export names the organisations
 * on it today, each marked as named for that reason (not a restriction of the provision to them).
 */
function actorsOf(
  p: AccordProvision,
  careTeam: readonly string[],
  names: ReadonlyMap<string, string>,
): ConsentProvisionActor[] {
  if (p.organisationId)
    return [{ role: RECIPIENT_ROLE, reference: organisationRef(p.organisationId, names) }];
  if (p.kind !== 'ROUTINE_COORDINATION') return [];
  return careTeam.map((id) => ({
    extension: [{ url: FHIR_EXTENSIONS.careTeamActor, valueBoolean: true }],
    role: RECIPIENT_ROLE,
    reference: organisationRef(id, names),
  }));
}

function nestedProvision(
  p: AccordProvision,
  careTeam: readonly string[],
  names: ReadonlyMap<string, string>,
): ConsentProvision {
  const actor = actorsOf(p, careTeam, names);
  return {
    id: p.id,
    extension: [{ url: FHIR_EXTENSIONS.provisionKind, valueCode: p.kind }],
    type: p.kind === 'RESTRICTION' ? 'deny' : 'permit',
    ...(actor.length > 0 ? { actor } : {}),
    ...(p.categories.length > 0
      ? { class: p.categories.map((c) => ({ system: FHIR_SYSTEMS.dataCategory, code: c })) }
      : {}),
  };
}

/** The person's decision as a v3 consent directive: opt in when given, opt out when refused or withdrawn. */
export const POLICY_RULE_OF: Readonly<Record<ConsentStatusCode, 'OPTIN' | 'OPTOUT'>> = {
  given: 'OPTIN',
  refused: 'OPTOUT',
  withdrawn: 'OPTOUT',
};

/**
 * The lawful bases for sharing for direct care, separate from the person's decision: UK GDPR public
 * task and health or social care, with the common-law duty of confidentiality met by the person's
 * explicit consent only while it is given.
 */
function lawfulBases(status: ConsentStatusCode): Extension[] {
  const codes = ['A6_E_PUBLIC_TASK', 'A9_H_HEALTH_SOCIAL_CARE'];
  if (status === 'given') codes.push('CLDC_EXPLICIT_CONSENT');
  return codes.map((code) => ({
    url: FHIR_EXTENSIONS.lawfulBasis,
    valueCoding: { system: FHIR_SYSTEMS.lawfulBasis, code },
  }));
}

/** UK GDPR (Articles 6 and 9) and the Data Protection Act 2018, under which the bases above are recorded. */
const POLICIES = [
  { uri: 'https://www.legislation.gov.uk/eur/2016/679/article/6' },
  { uri: 'https://www.legislation.gov.uk/eur/2016/679/article/9' },
  { uri: 'https://www.legislation.gov.uk/ukpga/2018/12/contents' },
];

/**
 * The consent as a FHIR R4 Consent resource; `organisations` supplies display names and `careTeam`
 * the organisations on the person's care team now (whom routine coordination reaches).
 */
export function toFhirConsent(
  consent: ConsentRecord,
  person: { readonly nhsNumber: string },
  organisations: readonly { readonly id: string; readonly name: string }[],
  careTeam: readonly string[] = [],
): FhirConsent {
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  const patient: Reference = {
    type: 'Patient',
    identifier: { system: FHIR_SYSTEMS.nhsNumber, value: person.nhsNumber },
  };
  const extension: Extension[] = [
    { url: FHIR_EXTENSIONS.capacity, valueCode: consent.capacity },
    { url: FHIR_EXTENSIONS.explanation, valueString: consent.explanation },
    { url: FHIR_EXTENSIONS.reviewDate, valueDate: consent.reviewDate },
    { url: FHIR_EXTENSIONS.reviewDue, valueBoolean: consent.reviewDue },
  ];
  if (consent.bestInterestsDecision)
    extension.push({ url: FHIR_EXTENSIONS.bestInterests, valueString: consent.bestInterestsDecision });
  if (consent.decisionMaker)
    extension.push({ url: FHIR_EXTENSIONS.decisionMaker, valueString: consent.decisionMaker });
  extension.push(...lawfulBases(consent.status));
  const team = [...new Set(careTeam)];
  return {
    resourceType: 'Consent',
    id: consent.id,
    meta: { versionId: String(consent.version), lastUpdated: consent.recordedAt },
    extension,
    status: FHIR_STATUS_OF[consent.status],
    scope: {
      coding: [{ system: FHIR_SYSTEMS.consentScope, code: 'patient-privacy', display: 'Privacy Consent' }],
    },
    category: [{ coding: [{ system: FHIR_SYSTEMS.loinc, code: '59284-0', display: 'Patient Consent' }] }],
    patient,
    dateTime: consent.capturedAt,
    // Who made the decision: the person, or whoever decided in their best interests.
    performer:
      consent.capacity === 'LACKS_CAPACITY' && consent.decisionMaker
        ? [{ display: consent.decisionMaker }]
        : [patient],
    organization: [organisationRef(consent.capturedByOrganisationId, names)],
    policy: POLICIES,
    policyRule: { coding: [{ system: FHIR_SYSTEMS.actCode, code: POLICY_RULE_OF[consent.status] }] },
    provision: { type: 'deny', provision: consent.provisions.map((p) => nestedProvision(p, team, names)) },
  };
}
