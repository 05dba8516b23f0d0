/**
 * A handover as a FHIR R4 document Bundle: a Composition with one section per template field,
 * holding the recipient's copy only (a withheld field is an empty section with emptyReason
 * "withheld" and the reasons in its narrative), then the Patient and the two Organizations it
 * references. Reading such a Bundle back gives the fields for an incoming handover. Pure: no I/O.
 */
import type { CopyField, TemplateKey } from '../../../contracts/exchange.ts';
import { TEMPLATE_KEYS } from '../../../contracts/exchange.ts';

/** Code systems and extensions of the handover document. */
export const HANDOVER_FHIR = {
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  organisation: 'https://accord.invalid/fhir/Id/organisation',
  handover: 'https://accord.invalid/fhir/Id/handover',
  template: 'https://accord.invalid/fhir/CodeSystem/handover-template',
  field: 'https://accord.invalid/fhir/CodeSystem/handover-field',
  dataCategory: 'https://accord.invalid/fhir/StructureDefinition/data-category',
  loinc: 'http://loinc.org',
  emptyReason: 'http://terminology.hl7.org/CodeSystem/list-empty-reason',
} as const;

/** What the document is made from. */
export interface HandoverDocumentInput {
  readonly handoverId: string;
  readonly template: TemplateKey;
  readonly templateName: string;
  readonly sentAt: string;
  readonly person: {
    id: string;
    nhsNumber: string;
    givenName: string;
    familyName: string;
    dateOfBirth: string;
  };
  readonly sender: { id: string; name: string };
  readonly recipient: { id: string; name: string };
  readonly fields: readonly CopyField[];
}

/** A FHIR resource as plain JSON. */
export type FhirJson = Record<string, unknown>;

const escapeXhtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const div = (text: string): string =>
  `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXhtml(text).replace(/\n/g, '<br/>')}</p></div>`;

function section(f: CopyField): FhirJson {
  const base = {
    extension: [{ url: HANDOVER_FHIR.dataCategory, valueCode: f.category }],
    title: f.label,
    code: { coding: [{ system: HANDOVER_FHIR.field, code: f.key, display: f.label }] },
  };
  if (f.withheld) {
    const why = f.withheld.reasons.map((r) => r.message).join(' ');
    return {
      ...base,
      text: { status: 'generated', div: div(`Withheld (${f.withheld.categoryLabel}). ${why}`) },
      emptyReason: {
        coding: [{ system: HANDOVER_FHIR.emptyReason, code: 'withheld', display: 'Information Withheld' }],
      },
    };
  }
  if (f.value === null)
    return {
      ...base,
      text: { status: 'generated', div: div('Not recorded.') },
      emptyReason: {
        coding: [{ system: HANDOVER_FHIR.emptyReason, code: 'unavailable', display: 'Unavailable' }],
      },
    };
  return { ...base, text: { status: 'generated', div: div(f.value) } };
}

/** The document Bundle. */
export function handoverBundle(input: HandoverDocumentInput, generatedAt: string): FhirJson {
  const patientUrl = `urn:uuid:${input.person.id}`;
  const senderUrl = `urn:uuid:${input.sender.id}`;
  const recipientUrl = `urn:uuid:${input.recipient.id}`;
  const organization = (o: { id: string; name: string }): FhirJson => ({
    resourceType: 'Organization',
    id: o.id,
    identifier: [{ system: HANDOVER_FHIR.organisation, value: o.id }],
    name: o.name,
  });
  const composition: FhirJson = {
    resourceType: 'Composition',
    id: input.handoverId,
    identifier: { system: HANDOVER_FHIR.handover, value: input.handoverId },
    status: 'final',
    type: { coding: [{ system: HANDOVER_FHIR.loinc, code: '18761-7', display: 'Transfer summary note' }] },
    category: [
      { coding: [{ system: HANDOVER_FHIR.template, code: input.template, display: input.templateName }] },
    ],
    subject: { reference: patientUrl },
    date: input.sentAt,
    author: [{ reference: senderUrl }],
    title: input.templateName,
    custodian: { reference: senderUrl },
    attester: [{ mode: 'official', party: { reference: senderUrl } }],
    section: input.fields.map(section),
  };
  return {
    resourceType: 'Bundle',
    id: crypto.randomUUID(),
    identifier: { system: HANDOVER_FHIR.handover, value: input.handoverId },
    type: 'document',
    timestamp: generatedAt,
    entry: [
      { fullUrl: `urn:uuid:${input.handoverId}`, resource: composition },
      {
        fullUrl: patientUrl,
        resource: {
          resourceType: 'Patient',
          id: input.person.id,
          identifier: [{ system: HANDOVER_FHIR.nhsNumber, value: input.person.nhsNumber }],
          name: [{ family: input.person.familyName, given: [input.person.givenName] }],
          birthDate: input.person.dateOfBirth,
        },
      },
      { fullUrl: senderUrl, resource: organization(input.sender) },
      ...(input.recipient.id === input.sender.id
        ? []
        : [{ fullUrl: recipientUrl, resource: organization(input.recipient) }]),
    ],
  };
}

/** What an imported document says, before it is checked against the directory and the template. */
export interface ParsedHandoverDocument {
  readonly template: TemplateKey;
  readonly nhsNumber: string;
  readonly senderOrganisationId: string;
  readonly sentAt: string;
  readonly fields: Record<string, string>;
}

/** A problem with the document, naming where in it. */
export class DocumentError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.path = path;
  }
}

const isObj = (v: unknown): v is FhirJson => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function codeOf(concept: unknown, system: string): string | undefined {
  if (!isObj(concept)) return undefined;
  for (const c of arr(concept.coding))
    if (isObj(c) && c.system === system && typeof c.code === 'string') return c.code;
  return undefined;
}

const narrative = (text: unknown): string => {
  const html = isObj(text) && typeof text.div === 'string' ? text.div : '';
  return html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
};

/** Reads a handover document Bundle; sections with an emptyReason carry no value. */
export function parseHandoverBundle(bundle: unknown): ParsedHandoverDocument {
  if (!isObj(bundle) || bundle.resourceType !== 'Bundle' || bundle.type !== 'document')
    throw new DocumentError('body', 'must be a FHIR Bundle of type document');
  const resources = arr(bundle.entry).map((e) =>
    isObj(e) && isObj(e.resource) ? { url: e.fullUrl, r: e.resource } : null,
  );
  const composition = resources[0]?.r;
  if (composition?.resourceType !== 'Composition')
    throw new DocumentError('body.entry.0', 'must be the Composition');
  const template = codeOf(arr(composition.category)[0], HANDOVER_FHIR.template);
  if (!template || !(TEMPLATE_KEYS as readonly string[]).includes(template))
    throw new DocumentError('body.entry.0.resource.category', 'must name a known handover template');
  const byUrl = new Map(resources.filter((x) => x !== null).map((x) => [x.url, x.r]));
  const subject = isObj(composition.subject) ? byUrl.get(composition.subject.reference) : undefined;
  const nhs = arr(subject?.identifier).find((i) => isObj(i) && i.system === HANDOVER_FHIR.nhsNumber);
  if (!isObj(nhs) || typeof nhs.value !== 'string')
    throw new DocumentError('body.entry.0.resource.subject', 'must reference a Patient with an NHS number');
  const author = isObj(arr(composition.author)[0])
    ? byUrl.get((arr(composition.author)[0] as FhirJson).reference)
    : undefined;
  const org = arr(author?.identifier).find((i) => isObj(i) && i.system === HANDOVER_FHIR.organisation);
  if (!isObj(org) || typeof org.value !== 'string')
    throw new DocumentError(
      'body.entry.0.resource.author',
      'must reference an Organization known to this partnership',
    );
  const sentAt = typeof composition.date === 'string' ? composition.date : '';
  if (Number.isNaN(Date.parse(sentAt)))
    throw new DocumentError('body.entry.0.resource.date', 'must be a date-time');
  const fields: Record<string, string> = {};
  arr(composition.section).forEach((s, i) => {
    const key = isObj(s) ? codeOf(s.code, HANDOVER_FHIR.field) : undefined;
    if (!isObj(s) || !key)
      throw new DocumentError(`body.entry.0.resource.section.${i}.code`, 'must name a template field');
    if (s.emptyReason === undefined) fields[key] = narrative(s.text);
  });
  return {
    template: template as TemplateKey,
    nhsNumber: nhs.value,
    senderOrganisationId: org.value,
    sentAt,
    fields,
  };
}
