/**
 * Reads a FHIR R4 Consent resource back into Accord's provisions and status. Every problem names
 * the JSON path at fault (e.g. `provision.provision[2].actor[0].reference.reference`), so a partner
 * can fix their resource. Pure: no I/O.
 */
import { CAPACITY_CODES, type CapacityCode, type ConsentStatusCode } from '../../../contracts/consent.ts';
import { DATA_CATEGORIES, type DataCategory } from '../../../contracts/enums.ts';
import type { FieldError } from '../../../contracts/errors.ts';
import type { ConsentProvisionKind } from '../access/index.ts';
import { FHIR_EXTENSIONS, FHIR_SYSTEMS, POLICY_RULE_OF } from './consent-fhir.ts';

/** A provision read from FHIR; `id` is kept when the resource gave one. */
export interface ImportedProvision {
  readonly id?: string;
  readonly kind: ConsentProvisionKind;
  readonly organisationId: string | null;
  readonly categories: DataCategory[];
}

/** What a Consent resource says, in Accord's terms. */
export interface ImportedConsent {
  readonly status: ConsentStatusCode;
  readonly provisions: ImportedProvision[];
  readonly nhsNumber: string | null;
  readonly capacity: CapacityCode | null;
  readonly bestInterestsDecision: string | null;
  readonly decisionMaker: string | null;
  readonly explanation: string | null;
  readonly reviewDate: string | null;
}

/** The result of reading a resource: the consent, or the problems with it. */
export type ImportResult = { ok: true; consent: ImportedConsent } | { ok: false; errors: FieldError[] };

type Json = Record<string, unknown>;

const STATUS_FROM_FHIR: Readonly<Record<string, ConsentStatusCode>> = {
  active: 'given',
  rejected: 'refused',
  inactive: 'withdrawn',
};
const KINDS: readonly string[] = ['ROUTINE_COORDINATION', 'NAMED_PARTNER', 'RESTRICTION'];
const CATEGORIES: readonly string[] = DATA_CATEGORIES;
const CAPACITIES: readonly string[] = CAPACITY_CODES;
const ORGANISATION_REF = /^Organization\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a list that may be absent; anything else is reported. */
function listAt(value: unknown, path: string, errors: FieldError[]): unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  errors.push({ field: path, message: 'must be an array' });
  return [];
}

function extensionValue(
  extensions: unknown[],
  url: string,
  key: 'valueCode' | 'valueString' | 'valueDate',
  path: string,
  errors: FieldError[],
): { value: string; path: string } | null {
  const index = extensions.findIndex((e) => isObject(e) && e.url === url);
  if (index < 0) return null;
  const value = (extensions[index] as Json)[key];
  const at = `${path}[${index}].${key}`;
  if (typeof value !== 'string' || value.trim() === '') {
    errors.push({ field: at, message: 'must be a non-empty string' });
    return null;
  }
  return { value: value.trim(), path: at };
}

function readCategories(value: unknown, path: string, errors: FieldError[]): DataCategory[] {
  const categories: DataCategory[] = [];
  listAt(value, path, errors).forEach((coding, j) => {
    const at = `${path}[${j}]`;
    if (!isObject(coding) || coding.system !== FHIR_SYSTEMS.dataCategory) {
      errors.push({ field: `${at}.system`, message: `must be ${FHIR_SYSTEMS.dataCategory}` });
    } else if (typeof coding.code !== 'string' || !CATEGORIES.includes(coding.code)) {
      errors.push({ field: `${at}.code`, message: 'is not an Accord data category' });
    } else if (!categories.includes(coding.code as DataCategory)) {
      categories.push(coding.code as DataCategory);
    }
  });
  return categories;
}

/** Whether an actor is only named because it was on the care team when exported (routine coordination). */
function onCareTeamOnly(actor: unknown): boolean {
  return (
    isObject(actor) &&
    Array.isArray(actor.extension) &&
    actor.extension.some(
      (e) => isObject(e) && e.url === FHIR_EXTENSIONS.careTeamActor && e.valueBoolean === true,
    )
  );
}

/** The organisation a provision is about, from the actors not marked as care-team listing. */
function readOrganisation(value: unknown, path: string, errors: FieldError[]): string | null {
  const named = listAt(value, path, errors)
    .map((actor, index) => ({ actor, index }))
    .filter(({ actor }) => !onCareTeamOnly(actor));
  const first = named[0];
  if (!first) return null;
  if (named.length > 1) {
    errors.push({ field: path, message: 'must name at most one organisation' });
    return null;
  }
  const { actor, index } = first;
  const reference = isObject(actor) && isObject(actor.reference) ? actor.reference.reference : undefined;
  const match = typeof reference === 'string' ? ORGANISATION_REF.exec(reference) : null;
  if (!match?.[1]) {
    errors.push({
      field: `${path}[${index}].reference.reference`,
      message: 'must be Organization/<id> of a partner',
    });
    return null;
  }
  return match[1].toLowerCase();
}

/** A policyRule, when given, must agree with the status: opt in for active consent, opt out otherwise. */
function checkPolicyRule(value: unknown, status: ConsentStatusCode | undefined, errors: FieldError[]): void {
  if (value === undefined || status === undefined) return;
  const codings = isObject(value) ? listAt(value.coding, 'policyRule.coding', errors) : [];
  const rule = codings.find(
    (c) => isObject(c) && c.system === FHIR_SYSTEMS.actCode && (c.code === 'OPTIN' || c.code === 'OPTOUT'),
  );
  if (!isObject(rule)) return;
  const expected = POLICY_RULE_OF[status];
  if (rule.code !== expected)
    errors.push({ field: 'policyRule', message: `must be ${expected} for a consent that is ${status}` });
}

function readProvision(value: unknown, path: string, errors: FieldError[]): ImportedProvision | null {
  if (!isObject(value)) {
    errors.push({ field: path, message: 'must be an object' });
    return null;
  }
  const before = errors.length;
  const type = value.type;
  if (type !== 'permit' && type !== 'deny')
    errors.push({ field: `${path}.type`, message: 'must be permit or deny' });
  if (value.provision !== undefined)
    errors.push({
      field: `${path}.provision`,
      message: 'is not supported below the first level of provisions',
    });
  const organisationId = readOrganisation(value.actor, `${path}.actor`, errors);
  const categories = readCategories(value.class, `${path}.class`, errors);
  const extensions = listAt(value.extension, `${path}.extension`, errors);
  const marked = extensionValue(
    extensions,
    FHIR_EXTENSIONS.provisionKind,
    'valueCode',
    `${path}.extension`,
    errors,
  );
  let kind: ConsentProvisionKind;
  if (marked) {
    if (!KINDS.includes(marked.value)) {
      errors.push({ field: marked.path, message: `must be one of ${KINDS.join(', ')}` });
      return null;
    }
    kind = marked.value as ConsentProvisionKind;
    if ((kind === 'RESTRICTION') !== (type === 'deny'))
      errors.push({
        field: `${path}.type`,
        message: kind === 'RESTRICTION' ? 'must be deny' : 'must be permit',
      });
  } else {
    // A partner's resource without Accord's marker: deny is a restriction, a permit naming an actor a named partner.
    kind = type === 'deny' ? 'RESTRICTION' : organisationId ? 'NAMED_PARTNER' : 'ROUTINE_COORDINATION';
  }
  if (kind === 'NAMED_PARTNER' && organisationId === null && errors.length === before)
    errors.push({ field: `${path}.actor`, message: 'is required for a named partner' });
  if (errors.length > before) return null;
  const id = typeof value.id === 'string' && value.id.trim() !== '' ? value.id : undefined;
  return { ...(id !== undefined ? { id } : {}), kind, organisationId, categories };
}

/** Reads a FHIR R4 Consent resource; errors name JSON paths relative to the resource. */
export function fromFhirConsent(resource: unknown): ImportResult {
  const errors: FieldError[] = [];
  if (!isObject(resource) || resource.resourceType !== 'Consent') {
    return { ok: false, errors: [{ field: 'resourceType', message: 'must be Consent' }] };
  }
  const status = typeof resource.status === 'string' ? STATUS_FROM_FHIR[resource.status] : undefined;
  if (!status) errors.push({ field: 'status', message: 'must be active, rejected or inactive' });
  const scope = isObject(resource.scope) ? listAt(resource.scope.coding, 'scope.coding', errors) : [];
  if (!scope.some((c) => isObject(c) && c.code === 'patient-privacy'))
    errors.push({ field: 'scope', message: 'must be patient-privacy' });
  checkPolicyRule(resource.policyRule, status, errors);

  let nhsNumber: string | null = null;
  const patient = isObject(resource.patient) ? resource.patient : null;
  const identifier = patient && isObject(patient.identifier) ? patient.identifier : null;
  if (identifier && identifier.system === FHIR_SYSTEMS.nhsNumber && typeof identifier.value === 'string')
    nhsNumber = identifier.value.replace(/\s+/g, '');

  const extensions = listAt(resource.extension, 'extension', errors);
  const text = (url: string, key: 'valueCode' | 'valueString' | 'valueDate') =>
    extensionValue(extensions, url, key, 'extension', errors);
  const capacity = text(FHIR_EXTENSIONS.capacity, 'valueCode');
  if (capacity && !CAPACITIES.includes(capacity.value))
    errors.push({ field: capacity.path, message: `must be one of ${CAPACITIES.join(', ')}` });
  const reviewDate = text(FHIR_EXTENSIONS.reviewDate, 'valueDate');
  if (reviewDate && !/^\d{4}-\d{2}-\d{2}$/.test(reviewDate.value))
    errors.push({ field: reviewDate.path, message: 'must be a date as YYYY-MM-DD' });

  const bestInterests = text(FHIR_EXTENSIONS.bestInterests, 'valueString');
  const decisionMaker = text(FHIR_EXTENSIONS.decisionMaker, 'valueString');
  const explanation = text(FHIR_EXTENSIONS.explanation, 'valueString');

  const provisions: ImportedProvision[] = [];
  const base = resource.provision;
  if (base === undefined) {
    if (status === 'given') errors.push({ field: 'provision', message: 'is required for active consent' });
  } else if (!isObject(base)) {
    errors.push({ field: 'provision', message: 'must be an object' });
  } else {
    if (base.type !== undefined && base.type !== 'deny')
      errors.push({
        field: 'provision.type',
        message: 'must be deny: what may be shared is stated in nested provisions',
      });
    listAt(base.provision, 'provision.provision', errors).forEach((p, i) => {
      const read = readProvision(p, `provision.provision[${i}]`, errors);
      if (read) provisions.push(read);
    });
  }
  if (errors.length > 0 || !status) return { ok: false, errors };
  return {
    ok: true,
    consent: {
      status,
      provisions,
      nhsNumber,
      capacity: capacity && CAPACITIES.includes(capacity.value) ? (capacity.value as CapacityCode) : null,
      bestInterestsDecision: bestInterests?.value ?? null,
      decisionMaker: decisionMaker?.value ?? null,
      explanation: explanation?.value ?? null,
      reviewDate: reviewDate?.value ?? null,
    },
  };
}
