/**
 * A person's consent as a FHIR R4 Consent resource, for partners' systems. The base provision
 * denies; each Accord provision is a nested provision (permit for routine coordination and named
 * partners, deny for restrictions) naming its organisation as actor and its data categories as
 * `class` codes, with an extension saying which kind of Accord provision it is, so a round trip
 * keeps every provision. Pure: no I/O.
 */
import type { CapacityCode, ConsentStatusCode } from '../../../contracts/consent.ts';
import type { ConsentProvision } from '../access/index.ts';

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
} as const;

/** A FHIR Coding. */
export interface FhirCoding {
  system?: string;
  code?: string;
  display?: string;
}

/** A FHIR CodeableConcept. */
export interface FhirCodeableConcept {
  coding?: FhirCoding[];
  text?: string;
}

/** A FHIR Reference (literal or by identifier). */
export interface FhirReference {
  reference?: string;
  type?: string;
  identifier?: { system: string; value: string };
  display?: string;
}

/** A FHIR extension carrying one value. */
export interface FhirExtension {
  url: string;
  valueCode?: string;
  valueString?: string;
  valueDate?: string;
  valueBoolean?: boolean;
}

/** Consent.provision (and its nested provisions). */
export interface FhirConsentProvision {
  id?: string;
  extension?: FhirExtension[];
  type?: 'deny' | 'permit';
  actor?: { role: FhirCodeableConcept; reference: FhirReference }[];
  class?: FhirCoding[];
  provision?: FhirConsentProvision[];
}

/** The FHIR R4 Consent resource as Accord writes it (a type alias, so it is a plain JSON record). */
export type FhirConsent = {
  resourceType: 'Consent';
  id: string;
  meta: { versionId: string; lastUpdated: string };
  extension: FhirExtension[];
  status: 'active' | 'rejected' | 'inactive';
  scope: FhirCodeableConcept;
  category: FhirCodeableConcept[];
  patient: FhirReference;
  dateTime: string;
  performer: FhirReference[];
  organization: FhirReference[];
  policy: { authority?: string; uri?: string }[];
  policyRule: FhirCodeableConcept;
  provision: FhirConsentProvision;
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
  readonly provisions: readonly ConsentProvision[];
}

/** Accord status to FHIR Consent.status. */
export const FHIR_STATUS_OF: Readonly<Record<ConsentStatusCode, FhirConsent['status']>> = {
  given: 'active',
  refused: 'rejected',
  withdrawn: 'inactive',
};

function organisationRef(id: string, names: ReadonlyMap<string, string>): FhirReference {
  const display = names.get(id);
  return { reference: `Organization/${id}`, type: 'Organization', ...(display ? { display } : {}) };
}

function nestedProvision(p: ConsentProvision, names: ReadonlyMap<string, string>): FhirConsentProvision {
  return {
    id: p.id,
    extension: [{ url: FHIR_EXTENSIONS.provisionKind, valueCode: p.kind }],
    type: p.kind === 'RESTRICTION' ? 'deny' : 'permit',
    ...(p.organisationId
      ? {
          actor: [
            {
              role: {
                coding: [
                  { system: FHIR_SYSTEMS.participationType, code: 'IRCP', display: 'information recipient' },
                ],
              },
              reference: organisationRef(p.organisationId, names),
            },
          ],
        }
      : {}),
    ...(p.categories.length > 0
      ? { class: p.categories.map((c) => ({ system: FHIR_SYSTEMS.dataCategory, code: c })) }
      : {}),
  };
}

/** The consent as a FHIR R4 Consent resource; `organisations` supplies display names. */
export function toFhirConsent(
  consent: ConsentRecord,
  person: { readonly nhsNumber: string },
  organisations: readonly { readonly id: string; readonly name: string }[],
): FhirConsent {
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  const patient: FhirReference = {
    type: 'Patient',
    identifier: { system: FHIR_SYSTEMS.nhsNumber, value: person.nhsNumber },
  };
  const extension: FhirExtension[] = [
    { url: FHIR_EXTENSIONS.capacity, valueCode: consent.capacity },
    { url: FHIR_EXTENSIONS.explanation, valueString: consent.explanation },
    { url: FHIR_EXTENSIONS.reviewDate, valueDate: consent.reviewDate },
    { url: FHIR_EXTENSIONS.reviewDue, valueBoolean: consent.reviewDue },
  ];
  if (consent.bestInterestsDecision)
    extension.push({ url: FHIR_EXTENSIONS.bestInterests, valueString: consent.bestInterestsDecision });
  if (consent.decisionMaker)
    extension.push({ url: FHIR_EXTENSIONS.decisionMaker, valueString: consent.decisionMaker });
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
    policy: [{ uri: 'https://www.legislation.gov.uk/ukpga/2018/12/contents' }],
    // Sharing for direct care rests on public task and health or social care, with the common-law duty
    // met by the person's consent: the bases are recorded separately, as UK GDPR and the common law need.
    policyRule: {
      coding: [
        { system: FHIR_SYSTEMS.actCode, code: consent.status === 'given' ? 'OPTIN' : 'OPTOUT' },
        { system: FHIR_SYSTEMS.lawfulBasis, code: 'A6_E_PUBLIC_TASK' },
        { system: FHIR_SYSTEMS.lawfulBasis, code: 'A9_H_HEALTH_SOCIAL_CARE' },
        { system: FHIR_SYSTEMS.lawfulBasis, code: 'CLDC_EXPLICIT_CONSENT' },
      ],
    },
    provision: { type: 'deny', provision: consent.provisions.map((p) => nestedProvision(p, names)) },
  };
}
