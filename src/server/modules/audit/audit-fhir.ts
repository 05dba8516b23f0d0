/**
 * Audit entries as FHIR R4 AuditEvent resources following the IHE Basic Audit Log Patterns (BALP):
 * API calls are `rest` events with the interaction as subtype; the agents are the user (requestor),
 * the client and the server (Source / Destination Role ID as BALP assigns them), then the
 * organisations involved; the observer is the Accord server as a Device; every entity names what it
 * is (the patient, the data touched with its categories as security labels, the request id).
 * Staff and people are referenced by id only: no names, no NHS numbers.
 */
import type {
  AuditEvent,
  AuditEventAgent,
  AuditEventEntity,
  CodeableConcept,
  Coding,
  Reference,
} from 'fhir/r4.js';
import { DATA_CATEGORY_LABELS, type DataCategory, type Purpose } from '../../../contracts/enums.ts';
import type { AuditEntryRow } from './audit.tables.ts';
import { ACCORD_FHIR_BASE, type EventShape, AUDIT_SYSTEMS as S, shapeOf } from './audit-fhir-shape.ts';

export { ACCORD_FHIR_BASE } from './audit-fhir-shape.ts';

/** An AuditEvent as Accord writes it: the R4 resource with the elements Accord always fills required. */
export type FhirAuditEvent = AuditEvent & Required<Pick<AuditEvent, 'id' | 'action' | 'subtype' | 'outcome'>>;

/** The extension carrying an entry's position and hash in the tamper-evident log. */
export const LEAF_EXTENSION_URL = `${ACCORD_FHIR_BASE}/StructureDefinition/audit-log-leaf`;

/** The Accord server: the observer of every event and the server agent of every API call. */
export const ACCORD_DEVICE: Reference = {
  type: 'Device',
  identifier: { system: `${ACCORD_FHIR_BASE}/id/device`, value: 'accord-server' },
  display: 'Accord',
};

/** The HTTP client that sent a request: Accord records no more about it than the request id. */
const API_CLIENT: Reference = { type: 'Device', display: 'Accord API client' };

const dcm = (code: string, display: string): Coding => ({ system: S.dcm, code, display });
const SOURCE_ROLE = dcm('110153', 'Source Role ID');
const DESTINATION_ROLE = dcm('110152', 'Destination Role ID');
const CUSTODIAN: Coding = { system: S.participation, code: 'CST', display: 'custodian' };
const RECIPIENT: Coding = { system: S.participation, code: 'IRCP', display: 'information recipient' };
const ACTOR_ORGANISATION: Coding = {
  system: `${ACCORD_FHIR_BASE}/CodeSystem/agent-type`,
  code: 'actor-organisation',
};

/** Accord purposes of use as v3 ActReason codes; safeguarding has no v3 equivalent and keeps only its own. */
const PURPOSE_OF_USE: Readonly<Record<Purpose, Coding | null>> = {
  DIRECT_CARE: { system: S.actReason, code: 'TREAT', display: 'treatment' },
  CARE_COORDINATION: { system: S.actReason, code: 'COC', display: 'coordination of care' },
  CRISIS_RESPONSE: { system: S.actReason, code: 'ETREAT', display: 'Emergency Treatment' },
  SAFEGUARDING: null,
  COMMISSIONING: { system: S.actReason, code: 'HOPERAT', display: 'healthcare operations' },
  AUDIT: { system: S.actReason, code: 'HOPERAT', display: 'healthcare operations' },
};

/** R4 carries the purpose as `purposeOfEvent` on the event and as `purposeOfUse` on the user agent. */
function purposes(row: AuditEntryRow): CodeableConcept[] {
  const out: CodeableConcept[] = [];
  if (row.purpose) {
    const v3 = PURPOSE_OF_USE[row.purpose as Purpose] ?? null;
    const own = { system: `${ACCORD_FHIR_BASE}/CodeSystem/purpose`, code: row.purpose };
    out.push({ coding: v3 ? [v3, own] : [own] });
  }
  if (Number(row.break_glass) === 1)
    out.push({ coding: [{ system: S.actReason, code: 'BTG', display: 'break the glass' }] });
  return out;
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

function organisationAgent(id: string, type: Coding, orgs: ReadonlyMap<string, string>): AuditEventAgent {
  const name = orgs.get(id);
  return {
    type: { coding: [type] },
    who: { reference: `Organization/${id}`, type: 'Organization', ...(name ? { display: name } : {}) },
    requestor: false,
  };
}

function agents(row: AuditEntryRow, shape: EventShape, orgs: ReadonlyMap<string, string>): AuditEventAgent[] {
  const out: AuditEventAgent[] = [];
  const basis = policies(row);
  const purpose = purposes(row);
  const viaRequest = row.request_id !== null;
  if (row.actor_staff_id) {
    out.push({
      type: { coding: [shape.userType] },
      role: list(row.actor_roles).map((code) => ({
        coding: [{ system: `${ACCORD_FHIR_BASE}/CodeSystem/staff-role`, code }],
      })),
      who: { reference: `Practitioner/${row.actor_staff_id}`, type: 'Practitioner' },
      requestor: true,
      ...(basis.length > 0 ? { policy: basis } : {}),
      ...(purpose.length > 0 ? { purposeOfUse: purpose } : {}),
    });
  }
  // Without a signed-in user (a failed sign-in, or work Accord starts itself) the client is the requestor.
  const [client, server] = shape.clientReceives
    ? [DESTINATION_ROLE, SOURCE_ROLE]
    : [SOURCE_ROLE, DESTINATION_ROLE];
  out.push({
    type: { coding: [client] },
    who: viaRequest ? API_CLIENT : ACCORD_DEVICE,
    requestor: !row.actor_staff_id,
  });
  if (viaRequest) out.push({ type: { coding: [server] }, who: ACCORD_DEVICE, requestor: false });
  const crossing = row.owner_org_id && row.recipient_org_id && row.owner_org_id !== row.recipient_org_id;
  if (row.owner_org_id) out.push(organisationAgent(row.owner_org_id, CUSTODIAN, orgs));
  if (crossing && row.recipient_org_id) out.push(organisationAgent(row.recipient_org_id, RECIPIENT, orgs));
  if (
    row.actor_org_id &&
    row.actor_org_id !== row.owner_org_id &&
    !(crossing && row.actor_org_id === row.recipient_org_id)
  )
    out.push(organisationAgent(row.actor_org_id, ACTOR_ORGANISATION, orgs));
  return out;
}

/** What the data entity is: the target the entry names, else the person's record in Accord. */
function dataWhat(row: AuditEntryRow): Reference | null {
  if (row.target_type && row.target_id)
    return { identifier: { system: `${ACCORD_FHIR_BASE}/id/${row.target_type}`, value: row.target_id } };
  if (row.person_id)
    return {
      identifier: { system: `${ACCORD_FHIR_BASE}/id/record`, value: row.person_id },
      display: 'Record held in Accord',
    };
  return null;
}

function entities(row: AuditEntryRow): AuditEventEntity[] {
  const out: AuditEventEntity[] = [];
  if (row.person_id) {
    out.push({
      what: { reference: `Patient/${row.person_id}`, type: 'Patient' },
      type: { system: S.entityType, code: '1', display: 'Person' },
      role: { system: S.objectRole, code: '1', display: 'Patient' },
    });
  }
  const categories = list(row.categories);
  const what = dataWhat(row);
  if (what) {
    out.push({
      what,
      type: { system: S.entityType, code: '2', display: 'System Object' },
      role: { system: S.objectRole, code: '4', display: 'Domain Resource' },
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
      type: { system: S.balpEntity, code: 'XrequestId', display: 'X-Request-Id' },
    });
  }
  return out;
}

/** One stored entry as a FHIR R4 AuditEvent; `orgs` names organisations (id -> name) for display. */
export function toFhirAuditEvent(row: AuditEntryRow, orgs: ReadonlyMap<string, string>): FhirAuditEvent {
  const shape = shapeOf(row.action, row.request_id !== null);
  const reasons = list(row.reasons);
  const purpose = purposes(row);
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
    ...(purpose.length > 0 ? { purposeOfEvent: purpose } : {}),
    agent: agents(row, shape, orgs),
    source: {
      site: 'Accord',
      observer: ACCORD_DEVICE,
      type: [{ system: S.sourceType, code: '4', display: 'Application Server' }],
    },
    ...(entity.length > 0 ? { entity } : {}),
  };
}
