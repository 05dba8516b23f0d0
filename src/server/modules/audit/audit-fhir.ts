/**
 * Audit entries as FHIR R4 AuditEvent resources, shaped after the IHE Basic Audit Log Patterns (BALP):
 * the user agent with requestor=true, the server as Destination Role ID, the patient entity
 * (Person / Patient), a data entity carrying the categories as security labels, and the request id as
 * BALP's XrequestId entity. Staff and people are referenced by id only: no names, no NHS numbers.
 */
import { DATA_CATEGORY_LABELS, type DataCategory, type Purpose } from '../../../contracts/enums.ts';
import type { AuditEntryRow } from './audit.tables.ts';

/** A FHIR Coding. */
export interface Coding {
  system: string;
  code: string;
  display?: string;
}

/** A FHIR R4 AuditEvent as Accord writes it (the subset of elements it uses). */
export interface FhirAuditEvent {
  resourceType: 'AuditEvent';
  id: string;
  extension?: {
    url: string;
    extension: { url: string; valueUnsignedInt?: number; valueString?: string }[];
  }[];
  type: Coding;
  subtype: Coding[];
  action: 'C' | 'R' | 'U' | 'D' | 'E';
  recorded: string;
  outcome: '0' | '4' | '8';
  outcomeDesc?: string;
  purposeOfUse?: { coding: Coding[] }[];
  agent: {
    type: { coding: Coding[] };
    role?: { coding: Coding[] }[];
    who: { reference?: string; display?: string };
    requestor: boolean;
    policy?: string[];
  }[];
  source: { site: string; observer: { display: string }; type: Coding[] };
  entity?: {
    what?: { reference?: string; identifier?: { system?: string; value: string } };
    type: Coding;
    role?: Coding;
    securityLabel?: Coding[];
  }[];
}

/** Base of Accord's own code systems and extensions. */
export const ACCORD_FHIR_BASE = 'https://accord.invalid/fhir';
/** The extension carrying an entry's position and hash in the tamper-evident log. */
export const LEAF_EXTENSION_URL = `${ACCORD_FHIR_BASE}/StructureDefinition/audit-log-leaf`;

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const RESTFUL = 'http://hl7.org/fhir/restful-interaction';
const EVENT_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-event-type';
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const BALP_ENTITY = 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType';

const PATIENT_RECORD: Coding = { system: DCM, code: '110110', display: 'Patient Record' };
const REST: Coding = { system: EVENT_TYPE, code: 'rest', display: 'Restful Operation' };
const EXPORT: Coding = { system: DCM, code: '110106', display: 'Export' };
const USER_AUTHENTICATION: Coding = { system: DCM, code: '110114', display: 'User Authentication' };
const RECIPIENT: Coding = { system: PARTICIPATION, code: 'IRCP', display: 'information recipient' };
const AUTHOR: Coding = { system: PARTICIPATION, code: 'AUT', display: 'author (originator)' };
const INFORMANT: Coding = { system: PARTICIPATION, code: 'INF', display: 'informant' };
const CUSTODIAN: Coding = { system: PARTICIPATION, code: 'CST', display: 'custodian' };

interface EventShape {
  type: Coding;
  subtype: Coding[];
  action: FhirAuditEvent['action'];
  userType: Coding;
}

const rest = (code: string): Coding => ({ system: RESTFUL, code });

/** Maps Accord's action names onto BALP/DICOM event codes; the Accord action is kept as a subtype. */
function shapeOf(action: string, aboutPerson: boolean): EventShape {
  const own: Coding = { system: `${ACCORD_FHIR_BASE}/CodeSystem/audit-action`, code: action };
  // A record event is DICOM's "Patient Record" event; anything else done through the API is a REST operation.
  const record = aboutPerson ? PATIENT_RECORD : REST;
  if (action === 'auth.sign_in' || action === 'auth.sign_out') {
    const sub = action === 'auth.sign_in' ? ['110122', 'Login'] : ['110123', 'Logout'];
    return {
      type: USER_AUTHENTICATION,
      subtype: [{ system: DCM, code: sub[0] ?? '', display: sub[1] ?? '' }, own],
      action: 'E',
      userType: RECIPIENT,
    };
  }
  if (action.startsWith('report.') || action.startsWith('audit.export'))
    return { type: EXPORT, subtype: [own], action: 'R', userType: INFORMANT };
  if (/\.(create|register|add)$/.test(action))
    return { type: record, subtype: [rest('create'), own], action: 'C', userType: AUTHOR };
  if (/\.(update|amend|end|assign)$/.test(action) || action.startsWith('staff.training.'))
    return { type: record, subtype: [rest('update'), own], action: 'U', userType: AUTHOR };
  if (/\.(delete|remove)$/.test(action))
    return { type: record, subtype: [rest('delete'), own], action: 'D', userType: AUTHOR };
  if (action === 'record.edit.deny')
    return { type: record, subtype: [rest('update'), own], action: 'U', userType: AUTHOR };
  if (action.endsWith('.history.view'))
    return { type: record, subtype: [rest('history-instance'), own], action: 'R', userType: RECIPIENT };
  if (/\.(list|search)$/.test(action))
    return { type: record, subtype: [rest('search-type'), own], action: 'R', userType: RECIPIENT };
  if (/\.(view|disclose|deny)$/.test(action))
    return { type: record, subtype: [rest('read'), own], action: 'R', userType: RECIPIENT };
  return { type: { ...own, display: action }, subtype: [own], action: 'E', userType: RECIPIENT };
}

/** Accord purposes of use as v3 ActReason codes; safeguarding has no v3 equivalent and keeps only its own. */
const PURPOSE_OF_USE: Readonly<Record<Purpose, Coding | null>> = {
  DIRECT_CARE: { system: ACT_REASON, code: 'TREAT', display: 'treatment' },
  CARE_COORDINATION: { system: ACT_REASON, code: 'COC', display: 'coordination of care' },
  CRISIS_RESPONSE: { system: ACT_REASON, code: 'ETREAT', display: 'Emergency Treatment' },
  SAFEGUARDING: null,
  COMMISSIONING: { system: ACT_REASON, code: 'HOPERAT', display: 'healthcare operations' },
  AUDIT: { system: ACT_REASON, code: 'HOPERAT', display: 'healthcare operations' },
};

function purposeOfUse(row: AuditEntryRow): FhirAuditEvent['purposeOfUse'] {
  const out: { coding: Coding[] }[] = [];
  if (row.purpose) {
    const v3 = PURPOSE_OF_USE[row.purpose as Purpose] ?? null;
    const own = { system: `${ACCORD_FHIR_BASE}/CodeSystem/purpose`, code: row.purpose };
    out.push({ coding: v3 ? [v3, own] : [own] });
  }
  if (Number(row.break_glass) === 1)
    out.push({ coding: [{ system: ACT_REASON, code: 'BTG', display: 'break the glass' }] });
  return out.length > 0 ? out : undefined;
}

const list = (text: string): string[] => (text === '' ? [] : text.split(','));

function policies(row: AuditEntryRow): string[] {
  const basis: [string, string | null][] = [
    ['agreement', row.agreement_id],
    ['consent', row.consent_id],
    ['consent-provision', row.consent_provision_id],
    ['lawful-exception', row.exception_id],
    ['break-glass-grant', row.break_glass_grant_id],
  ];
  return basis.flatMap(([kind, id]) => (id ? [`urn:accord:${kind}:${id}`] : []));
}

function organisationAgent(id: string, type: Coding, orgs: ReadonlyMap<string, string>) {
  const name = orgs.get(id);
  return {
    type: { coding: [type] },
    who: { reference: `Organization/${id}`, ...(name ? { display: name } : {}) },
    requestor: false,
  };
}

function agents(row: AuditEntryRow, shape: EventShape, orgs: ReadonlyMap<string, string>) {
  const out: FhirAuditEvent['agent'] = [];
  const basis = policies(row);
  out.push({
    type: { coding: [shape.userType] },
    role: list(row.actor_roles).map((code) => ({
      coding: [{ system: `${ACCORD_FHIR_BASE}/CodeSystem/staff-role`, code }],
    })),
    who: row.actor_staff_id ? { reference: `Practitioner/${row.actor_staff_id}` } : { display: 'Accord' },
    requestor: true,
    ...(basis.length > 0 ? { policy: basis } : {}),
  });
  const crossing = row.owner_org_id && row.recipient_org_id && row.owner_org_id !== row.recipient_org_id;
  if (row.owner_org_id) out.push(organisationAgent(row.owner_org_id, CUSTODIAN, orgs));
  if (crossing && row.recipient_org_id) out.push(organisationAgent(row.recipient_org_id, RECIPIENT, orgs));
  if (
    row.actor_org_id &&
    row.actor_org_id !== row.owner_org_id &&
    !(crossing && row.actor_org_id === row.recipient_org_id)
  ) {
    const actorOrg = { system: `${ACCORD_FHIR_BASE}/CodeSystem/agent-type`, code: 'actor-organisation' };
    out.push(organisationAgent(row.actor_org_id, actorOrg, orgs));
  }
  out.push({
    type: { coding: [{ system: DCM, code: '110152', display: 'Destination Role ID' }] },
    who: { display: 'Accord' },
    requestor: false,
  });
  return out;
}

function entities(row: AuditEntryRow): NonNullable<FhirAuditEvent['entity']> {
  const out: NonNullable<FhirAuditEvent['entity']> = [];
  if (row.person_id) {
    out.push({
      what: { reference: `Patient/${row.person_id}` },
      type: { system: ENTITY_TYPE, code: '1', display: 'Person' },
      role: { system: OBJECT_ROLE, code: '1', display: 'Patient' },
    });
  }
  const categories = list(row.categories);
  if (row.target_type || categories.length > 0) {
    out.push({
      ...(row.target_type && row.target_id
        ? {
            what: {
              identifier: { system: `${ACCORD_FHIR_BASE}/id/${row.target_type}`, value: row.target_id },
            },
          }
        : {}),
      type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
      role: { system: OBJECT_ROLE, code: '4', display: 'Domain Resource' },
      ...(categories.length > 0
        ? {
            securityLabel: categories.map((code) => ({
              system: `${ACCORD_FHIR_BASE}/CodeSystem/data-category`,
              code,
              display: DATA_CATEGORY_LABELS[code as DataCategory] ?? code,
            })),
          }
        : {}),
    });
  }
  if (row.request_id) {
    out.push({
      what: { identifier: { value: row.request_id } },
      type: { system: BALP_ENTITY, code: 'XrequestId', display: 'X-Request-Id' },
    });
  }
  return out;
}

/** One stored entry as a FHIR R4 AuditEvent; `orgs` names organisations (id -> name) for display. */
export function toFhirAuditEvent(row: AuditEntryRow, orgs: ReadonlyMap<string, string>): FhirAuditEvent {
  const shape = shapeOf(row.action, row.person_id !== null);
  const reasons = list(row.reasons);
  const purpose = purposeOfUse(row);
  const entity = entities(row);
  return {
    resourceType: 'AuditEvent',
    id: row.id,
    ...(row.leaf_index !== null && row.leaf_hash
      ? {
          extension: [
            {
              url: LEAF_EXTENSION_URL,
              extension: [
                { url: 'leafIndex', valueUnsignedInt: Number(row.leaf_index) },
                { url: 'leafHash', valueString: row.leaf_hash },
              ],
            },
          ],
        }
      : {}),
    type: shape.type,
    subtype: shape.subtype,
    action: shape.action,
    recorded: row.recorded_at,
    outcome: row.outcome === 'deny' ? '4' : row.outcome === 'failure' ? '8' : '0',
    ...(reasons.length > 0 ? { outcomeDesc: reasons.join(' ') } : {}),
    ...(purpose ? { purposeOfUse: purpose } : {}),
    agent: agents(row, shape, orgs),
    source: {
      site: 'Accord',
      observer: { display: 'Accord' },
      type: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
          code: '4',
          display: 'Application Server',
        },
      ],
    },
    ...(entity.length > 0 ? { entity } : {}),
  };
}
