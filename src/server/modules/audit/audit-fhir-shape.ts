/**
 * How an Accord audit action reads as an IHE Basic Audit Log Patterns (BALP) event: the event type,
 * the FHIR RESTful interaction, the AuditEvent action code and the user's participation. Pure.
 */
import type { AuditEvent, Coding } from 'fhir/r4.js';

/** Base of Accord's own code systems, identifiers and extensions. */
export const ACCORD_FHIR_BASE = 'https://accord.invalid/fhir';

/** Code systems used by the AuditEvents Accord writes. */
export const AUDIT_SYSTEMS = {
  dcm: 'http://dicom.nema.org/resources/ontology/DCM',
  restful: 'http://hl7.org/fhir/restful-interaction',
  eventType: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  entityType: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
  objectRole: 'http://terminology.hl7.org/CodeSystem/object-role',
  participation: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  actReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  balpEntity: 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType',
  sourceType: 'http://terminology.hl7.org/CodeSystem/security-source-type',
  action: `${ACCORD_FHIR_BASE}/CodeSystem/audit-action`,
} as const;

/** The FHIR RESTful interactions Accord's API calls map onto. */
export type Interaction =
  | 'read'
  | 'search-type'
  | 'history-instance'
  | 'create'
  | 'update'
  | 'delete'
  | 'operation';

/** An audit action read as a BALP event. */
export interface EventShape {
  type: Coding;
  subtype: Coding[];
  action: NonNullable<AuditEvent['action']>;
  /** The user's participation (BALP agent[user].type). */
  userType: Coding;
  /**
   * Whether data flowed from server to client. BALP (after DICOM) names the client the Destination Role
   * ID on reads and the Source Role ID on queries and writes, where the request carries the content.
   */
  clientReceives: boolean;
}

const dcm = (code: string, display: string): Coding => ({ system: AUDIT_SYSTEMS.dcm, code, display });
const participation = (code: string, display: string): Coding => ({
  system: AUDIT_SYSTEMS.participation,
  code,
  display,
});

const REST: Coding = { system: AUDIT_SYSTEMS.eventType, code: 'rest', display: 'Restful Operation' };
const RECIPIENT = participation('IRCP', 'information recipient');
const AUTHOR = participation('AUT', 'author (originator)');
const INFORMANT = participation('INF', 'informant');
const CUSTODIAN = participation('CST', 'custodian');

const INTERACTIONS: readonly [RegExp, Interaction][] = [
  [/\.history\.view$/, 'history-instance'],
  [/^record\.edit\.deny$/, 'update'],
  [/^break_glass\.deny$/, 'create'],
  [/\.(view|disclose|deny)$/, 'read'],
  [/\.(list|search|activity)$/, 'search-type'],
  [/\.(delete|remove)$/, 'delete'],
  [/\.(create|register|add|record|raise|open|grant|capture|refuse|withdraw)$/, 'create'],
  [/\.(update|amend|end|assign|status|decide|complete|close|escalate|revoke)$/, 'update'],
  [/^staff\.training\./, 'update'],
];

/** The RESTful interaction an action performed, or `operation` for anything else done through the API. */
export function interactionOf(action: string): Interaction {
  return INTERACTIONS.find(([pattern]) => pattern.test(action))?.[1] ?? 'operation';
}

const ACTION_CODE: Readonly<Record<Interaction, EventShape['action']>> = {
  read: 'R',
  'history-instance': 'R',
  // BALP records a search as Execute: the query is what the client sent.
  'search-type': 'E',
  create: 'C',
  update: 'U',
  delete: 'D',
  operation: 'E',
};

const USER_TYPE: Readonly<Record<Interaction, Coding>> = {
  read: RECIPIENT,
  'history-instance': RECIPIENT,
  'search-type': RECIPIENT,
  create: AUTHOR,
  update: AUTHOR,
  delete: CUSTODIAN,
  operation: RECIPIENT,
};

/**
 * Maps an Accord action onto BALP: sign-in and sign-out are DICOM User Authentication events, exports
 * DICOM Export events, and everything else a client asked of the API a `rest` event with its
 * interaction as the first subtype. Work Accord starts itself (no request) keeps Accord's own event
 * code. The Accord action is always kept as a subtype.
 */
export function shapeOf(action: string, viaRequest: boolean): EventShape {
  const own: Coding = { system: AUDIT_SYSTEMS.action, code: action };
  if (action === 'auth.sign_in' || action === 'auth.sign_out') {
    const sub = action === 'auth.sign_in' ? dcm('110122', 'Login') : dcm('110123', 'Logout');
    return {
      type: dcm('110114', 'User Authentication'),
      subtype: [sub, own],
      action: 'E',
      userType: RECIPIENT,
      clientReceives: false,
    };
  }
  if (/(^|\.)export(\.|$)/.test(action) || action.startsWith('report.access.generate'))
    return {
      type: dcm('110106', 'Export'),
      subtype: [{ system: AUDIT_SYSTEMS.restful, code: 'read', display: 'read' }, own],
      action: 'R',
      userType: INFORMANT,
      clientReceives: true,
    };
  const interaction = interactionOf(action);
  const rest: Coding = { system: AUDIT_SYSTEMS.restful, code: interaction, display: interaction };
  return {
    type: viaRequest ? REST : { ...own, display: action },
    subtype: viaRequest ? [rest, own] : [own],
    action: ACTION_CODE[interaction],
    userType: USER_TYPE[interaction],
    clientReceives: interaction === 'read' || interaction === 'history-instance',
  };
}
