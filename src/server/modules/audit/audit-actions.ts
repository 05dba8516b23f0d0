/**
 * Every action the audit log records, declared once with what it means. Writers name actions by
 * these keys (an undeclared action does not compile), and every consumer (anomaly rules, the
 * person's access report, exports, "unable to share") takes its lists from here.
 */

/** What kind of event an action records. */
export type AuditActionKind =
  /** A read of one person's record data (including a refused one). */
  | 'person_read'
  /** Person data owned by one organisation seen by, or sent to, another. */
  | 'disclosure'
  /** A person shown in a list, queue or search result: their header only. */
  | 'list'
  /** A change to a person's record, care or consent. */
  | 'change'
  /** A governance or administrative change: directory, agreements, policy, reviews. */
  | 'admin'
  /** Reading the governance evidence itself: the audit explorer, exports, reports. */
  | 'oversight'
  /** Signing in and out, tokens. */
  | 'auth'
  /** Work done by Accord itself. */
  | 'system';

/** One declared action. */
export interface AuditActionSpec {
  readonly kind: AuditActionKind;
  /** The module that writes it. */
  readonly module: string;
  /** Plain words for staff (audit explorer). */
  readonly words: string;
  /** Plain words for the person's own access report, where it can concern them. */
  readonly personWords?: string;
  /** A refused attempt to reach person data. */
  readonly refusal?: boolean;
  /** Counted as "unable to share" when the data's owner is not the recipient. */
  readonly unableToShare?: boolean;
}

const spec = (
  kind: AuditActionKind,
  module: string,
  words: string,
  more: Partial<Pick<AuditActionSpec, 'personWords' | 'refusal' | 'unableToShare'>> = {},
): AuditActionSpec => ({ kind, module, words, ...more });

/** The registry. Add an action here before writing it. */
export const AUDIT_ACTIONS = {
  'record.view': spec('person_read', 'people', 'Viewed a record', { personWords: 'Looked at your record' }),
  'record.disclose': spec('disclosure', 'people', 'Viewed information shared by another organisation', {
    personWords: 'Looked at information shared by another organisation',
  }),
  'record.access.deny': spec('person_read', 'people', 'Was refused part of a record', {
    refusal: true,
    unableToShare: true,
  }),
  'record.edit.deny': spec('change', 'people', 'Was refused a change to a record', { refusal: true }),
  'record.print': spec('person_read', 'people', 'Printed a record', { personWords: 'Printed your record' }),
  'person.access.deny': spec('person_read', 'people', 'Was refused a record', { refusal: true }),
  'person.header.view': spec('list', 'people', 'Saw a person’s name in a list', {
    personWords: 'Saw your name in a list',
  }),
  'person.register': spec('change', 'people', 'Registered a person', {
    personWords: 'Registered you with the partnership',
  }),
  'caseload.list': spec('list', 'people', 'Listed their caseload', {
    personWords: 'Saw your name in a list',
  }),
  'entry.create': spec('change', 'people', 'Added a record entry', {
    personWords: 'Added an entry to your record',
  }),
  'entry.amend': spec('change', 'people', 'Corrected a record entry', {
    personWords: 'Corrected an entry in your record',
  }),
  'entry.history.view': spec('person_read', 'people', 'Viewed the versions of an entry', {
    personWords: 'Looked at the earlier versions of an entry',
  }),
  'care_team.add': spec('change', 'people', 'Added a care-team member', {
    personWords: 'Added someone to your care team',
  }),
  'care_team.end': spec('change', 'people', 'Ended a care-team membership', {
    personWords: 'Ended someone’s place on your care team',
  }),
  'care_team.restore': spec(
    'change',
    'people',
    'Restored a care-team membership after an undone revocation',
    {
      personWords: 'Put someone back on your care team',
    },
  ),
  'care_team.deny': spec('change', 'people', 'Was refused a care-team change', { refusal: true }),

  'consent.view': spec('person_read', 'consent', 'Viewed consent', {
    personWords: 'Looked at your consent choices',
  }),
  'consent.preview': spec('person_read', 'consent', 'Previewed what consent would share', {
    personWords: 'Looked at what your consent choices would share',
  }),
  'consent.capture': spec('change', 'consent', 'Recorded consent', {
    personWords: 'Recorded your consent choices',
  }),
  'consent.withdraw': spec('change', 'consent', 'Recorded consent withdrawn', {
    personWords: 'Recorded that you withdrew consent',
  }),
  'consent.refuse': spec('change', 'consent', 'Recorded a refusal of consent', {
    personWords: 'Recorded that you refused consent',
  }),
  'consent.export.fhir': spec('person_read', 'consent', 'Exported consent as FHIR', {
    personWords: 'Exported your consent choices',
  }),
  'consent.import.fhir': spec('change', 'consent', 'Imported consent from FHIR', {
    personWords: 'Imported your consent choices from another system',
  }),
  'consent.review.raise': spec('change', 'consent', 'Raised a consent review', {
    personWords: 'Asked for your consent choices to be reviewed',
  }),
  'consent.review.complete': spec('change', 'consent', 'Completed a consent review', {
    personWords: 'Reviewed your consent choices',
  }),
  'consent_review.list': spec('list', 'consent', 'Listed consent reviews', {
    personWords: 'Saw your name in a list',
  }),
  'lawful_exception.record': spec('change', 'consent', 'Recorded a lawful exception', {
    personWords: 'Recorded a legal reason to share without consent',
  }),
  'exception_review.list': spec('list', 'consent', 'Listed exception reviews', {
    personWords: 'Saw your name in a list',
  }),
  'exception_review.view': spec('person_read', 'consent', 'Viewed an exception review', {
    personWords: 'Checked a decision to share without consent',
  }),
  'exception_review.close': spec('admin', 'consent', 'Completed an exception review'),
  'break_glass.grant': spec('change', 'access', 'Used emergency access', {
    personWords: 'Used emergency ("break-glass") access to your record',
  }),
  'break_glass.deny': spec('person_read', 'access', 'Was refused emergency access', { refusal: true }),
  'break_glass.end': spec('change', 'access', 'Ended emergency access'),
  'break_glass.review': spec('admin', 'access', 'Reviewed emergency access'),
  'access.explain': spec('oversight', 'access', 'Asked why access was allowed or refused'),
  'access.policy.update': spec('admin', 'access', 'Changed the tier policy'),
  'access.explain_change': spec('oversight', 'access', 'Asked why a change was refused'),
  'settings.proposal.create': spec('admin', 'access', 'Proposed a partnership setting'),
  'settings.proposal.approve': spec('admin', 'access', 'Approved a proposed partnership setting'),
  'settings.proposal.apply': spec('admin', 'access', 'Applied an approved partnership setting'),

  'report.access.generate': spec('oversight', 'audit', 'Produced an access report', {
    personWords: 'Produced a report like this one',
  }),
  'report.access.deny': spec('oversight', 'audit', 'Was refused an access report', { refusal: true }),
  'audit.entry.view': spec('oversight', 'audit', 'Viewed an audit entry'),
  'audit.search': spec('oversight', 'audit', 'Searched the audit log'),
  'audit.activity': spec('oversight', 'audit', 'Charted audit-log activity'),
  'audit.export': spec('oversight', 'audit', 'Exported the audit log', {
    personWords: 'Exported the log of who accessed your record',
  }),
  'audit.key.rotate': spec('system', 'audit', 'Rotated the tree-head signing key'),

  'agreement.create': spec('admin', 'agreements', 'Drafted a sharing agreement'),
  'agreement.update': spec('admin', 'agreements', 'Changed a sharing agreement'),
  'agreement.status': spec('admin', 'agreements', 'Changed a sharing agreement’s status'),

  'organisation.create': spec('admin', 'directory', 'Added an organisation'),
  'organisation.update': spec('admin', 'directory', 'Changed an organisation'),
  'team.create': spec('admin', 'directory', 'Added a team'),
  'staff.create': spec('admin', 'directory', 'Added a staff account'),
  'staff.update': spec('admin', 'directory', 'Changed a staff account'),
  'staff.unlock': spec('admin', 'directory', 'Cleared an account’s failed sign-ins'),
  'staff.role.grant': spec('admin', 'directory', 'Granted a role'),
  'staff.role.request': spec('admin', 'directory', 'Asked for a role to be granted'),
  'staff.role.approve': spec('admin', 'directory', 'Approved a role grant'),
  'staff.mark_system': spec('admin', 'auth', 'Marked an account as a system account'),
  'staff.training.add': spec('admin', 'directory', 'Recorded training'),
  'staff.role.restore': spec('admin', 'directory', 'Restored a role after an undone revocation'),
  'staff.role.revoke': spec('admin', 'directory', 'Removed a role after an access review'),
  'organisation.governance.assign': spec('admin', 'directory', 'Named a governance role'),

  'access_review.open': spec('system', 'assurance', 'Opened the monthly access reviews'),
  'access_review.escalate': spec('system', 'assurance', 'Escalated an overdue access review'),
  'access_review.view': spec('list', 'assurance', 'Viewed an access review', {
    personWords: 'Checked that someone’s place on your care team was still needed',
  }),
  'access_review.item.undo': spec('admin', 'assurance', 'Undid a revocation in an access review'),
  'access_review.reopen': spec('admin', 'assurance', 'Reopened an access review'),
  'access_review.item.decide': spec('admin', 'assurance', 'Decided an access-review item'),
  'access_review.complete': spec('admin', 'assurance', 'Completed an access review'),
  'anomaly.detection.run': spec('system', 'assurance', 'Ran anomaly detection'),
  'anomaly.settings.update': spec('admin', 'assurance', 'Changed anomaly-rule settings'),
  'investigation.case.open': spec('system', 'assurance', 'Opened an investigation case'),
  'investigation.case.evidence.add': spec('system', 'assurance', 'Added evidence to an investigation case'),
  'investigation.case.close': spec('admin', 'assurance', 'Closed an investigation case'),

  'handover_template.update': spec('admin', 'exchange', 'Published a handover template version'),
  'handover.send': spec('change', 'exchange', 'Sent a handover', {
    personWords: 'Sent a handover about you',
  }),
  'handover.acknowledge': spec('change', 'exchange', 'Acknowledged a handover', {
    personWords: 'Acknowledged a handover about you',
  }),
  'handover.escalate': spec('system', 'exchange', 'Escalated an unacknowledged handover'),
  'handover.import': spec('change', 'exchange', 'Imported a handover from a partner', {
    personWords: 'Received a handover about you from a partner',
  }),
  'handover.preview': spec('person_read', 'exchange', 'Previewed a handover’s recipient copy', {
    personWords: 'Prepared a handover about you',
  }),
  'handover.view': spec('person_read', 'exchange', 'Viewed a handover', {
    personWords: 'Read a handover about you',
  }),
  'handover.timeline': spec('person_read', 'exchange', 'Viewed the handover timeline', {
    personWords: 'Looked at the handovers about you',
  }),
  'handover.disclose': spec('disclosure', 'exchange', 'Shared information in a handover', {
    personWords: 'Shared information about you in a handover',
  }),
  'handover.withhold': spec('disclosure', 'exchange', 'Withheld information from a handover', {
    refusal: true,
  }),
  'handover.export': spec('disclosure', 'exchange', 'Exported a handover', {
    personWords: 'Exported a handover about you for a partner',
  }),
  'handover.list': spec('list', 'exchange', 'Listed handovers', { personWords: 'Saw your name in a list' }),
  'worklist.list': spec('list', 'work', 'Listed their worklist', { personWords: 'Saw your name in a list' }),
  'follow_up.create': spec('change', 'exchange', 'Set a follow-up due', {
    personWords: 'Set a follow-up with you',
  }),
  'follow_up.contact': spec('change', 'exchange', 'Recorded a follow-up contact', {
    personWords: 'Recorded a follow-up contact with you',
  }),
  'follow_up.miss': spec('system', 'exchange', 'Marked a follow-up missed'),
  'episode.open': spec('change', 'exchange', 'Opened a pathway episode', {
    personWords: 'Opened an episode of care for you',
  }),
  'episode.view': spec('person_read', 'exchange', 'Viewed a person’s pathway episodes', {
    personWords: 'Looked at your episodes of care',
  }),
  'episode.move': spec('change', 'exchange', 'Moved a pathway episode', {
    personWords: 'Moved your episode of care to a new stage',
  }),
  'handover.resolve_missing': spec('change', 'exchange', 'Resolved a handover’s missing information', {
    personWords: 'Completed or explained missing information in a handover about you',
  }),
  'crisis.search': spec('list', 'exchange', 'Searched for a person in a crisis by name and date of birth', {
    personWords: 'Found you in an out-of-hours crisis search',
  }),
  'crisis.interim_decision': spec('change', 'exchange', 'Recorded an interim decision out of hours', {
    personWords: 'Took an interim decision about your care out of hours',
  }),
  'handover.action.close': spec('change', 'exchange', 'Closed a task from a handover', {
    personWords: 'Completed a task from a handover about you',
  }),

  'contact.record': spec('change', 'signals', 'Recorded a contact or visit', {
    personWords: 'Recorded a contact or visit with you',
  }),
  'contact.attendance': spec('change', 'signals', 'Recorded how a scheduled contact went', {
    personWords: 'Recorded whether you attended a contact or visit',
  }),
  'signal.record': spec('change', 'signals', 'Recorded a risk signal', {
    personWords: 'Recorded something they noticed about how you are',
  }),
  'signal.derive': spec('system', 'signals', 'Recorded a missed contact as a risk signal'),
  'signal_alert.raise': spec('system', 'signals', 'Raised an alert from risk signals'),
  'signal_alert.escalate': spec('system', 'signals', 'Escalated an unacknowledged alert'),
  'signal_alert.view': spec('person_read', 'signals', 'Viewed an alert', {
    personWords: 'Looked at an alert about you',
  }),
  'signal_alert.acknowledge': spec('change', 'signals', 'Acknowledged an alert', {
    personWords: 'Acknowledged an alert about you',
  }),
  'signal_alert.outcome': spec('change', 'signals', 'Recorded the response to an alert', {
    personWords: 'Recorded what was done about an alert about you',
  }),
  'coordination.timeline': spec('person_read', 'signals', 'Viewed the case coordination timeline', {
    personWords: 'Looked at the timeline of your care across services',
  }),
  'escalation_rules.update': spec('admin', 'signals', 'Changed the escalation rules'),

  'auth.sign_in': spec('auth', 'auth', 'Signed in'),
  'auth.sign_out': spec('auth', 'auth', 'Signed out'),
  'api_token.create': spec('auth', 'auth', 'Created an API token'),

  'safeguarding.concern.record': spec('change', 'signals', 'Recorded a safeguarding concern', {
    personWords: 'Recorded a safeguarding concern about you',
  }),
  'safeguarding.view': spec('person_read', 'signals', 'Viewed safeguarding records', {
    personWords: 'Looked at safeguarding records about you',
  }),
  'safeguarding.disclose': spec(
    'disclosure',
    'signals',
    'Viewed safeguarding records of another organisation',
    {
      personWords: 'Looked at safeguarding records about you held by another organisation',
    },
  ),
  'safeguarding.withhold': spec('person_read', 'signals', 'Was shown only the safeguarding flag', {
    refusal: true,
  }),
  'safeguarding.action.complete': spec('change', 'signals', 'Completed a protective action', {
    personWords: 'Completed an action to keep you safe',
  }),
  'safeguarding.huddle.list': spec('list', 'signals', 'Listed active safeguarding concerns for a huddle', {
    personWords: 'Saw your name in a list',
  }),
  'safeguarding.huddle.record': spec('change', 'signals', 'Recorded a safeguarding huddle review', {
    personWords: 'Reviewed a safeguarding concern about you',
  }),
  'case_conference.record': spec('change', 'signals', 'Recorded a case conference', {
    personWords: 'Recorded a case conference about you',
  }),
  'case_conference.disclose': spec('disclosure', 'signals', 'Shared information at a case conference', {
    personWords: 'Shared information about you at a case conference',
  }),
  'review.record': spec('change', 'reporting', 'Recorded a care-plan review', {
    personWords: 'Recorded a review of your care plan',
  }),
  'review.view': spec('person_read', 'reporting', 'Viewed care-plan reviews and outcome scores', {
    personWords: 'Looked at your care-plan reviews',
  }),
  'report.dataset': spec('oversight', 'reporting', 'Produced the commissioner dataset'),
  'report.dataset.deny': spec('oversight', 'reporting', 'Was refused the commissioner dataset', {
    refusal: true,
  }),
  'report.drilldown': spec('list', 'reporting', 'Opened the records behind a reported figure', {
    personWords: 'Checked a reported figure against your record',
  }),
  'report.drilldown.deny': spec('oversight', 'reporting', 'Was refused the records behind a figure', {
    refusal: true,
  }),
  'report.reconcile': spec('oversight', 'reporting', 'Reconciled reported figures with the records'),
  'dq.audit.run': spec('admin', 'reporting', 'Ran the monthly data-quality audit'),
  'dq.audit.sample': spec('list', 'reporting', 'Checked a record in the monthly data-quality audit', {
    personWords: 'Checked your record for data quality',
  }),
  'dq.audit.view': spec('oversight', 'reporting', 'Viewed data-quality audit results'),
  'dq.audit.deny': spec('oversight', 'reporting', 'Was refused the data-quality audit', { refusal: true }),
  'dq.finding.correct': spec('change', 'reporting', 'Recorded a data-quality correction'),
  'evidence_pack.produce': spec('oversight', 'reporting', 'Produced the evidence pack for the ICB'),
  'evidence_pack.deny': spec('oversight', 'reporting', 'Was refused the evidence pack', { refusal: true }),
  'agreement.sign_off': spec('admin', 'agreements', 'Signed off a sharing agreement for their organisation'),
  'agreement.acknowledge': spec('admin', 'agreements', 'Acknowledged a sharing agreement’s guidance'),
  'agreement.review.suspend': spec('system', 'agreements', 'Suspended an agreement past its review date'),
  'agreement.settings.update': spec('admin', 'agreements', 'Changed the partnership’s agreement settings'),
  'agreement.dispute.raise': spec('admin', 'agreements', 'Raised a dispute about a sharing agreement'),
  'agreement.dispute.resolve': spec('admin', 'agreements', 'Documented the outcome of an agreement dispute'),
  'dpia.create': spec('admin', 'agreements', 'Recorded a data protection impact assessment'),
  'dpia.sign_off': spec('admin', 'agreements', 'Signed off a data protection impact assessment as DPO'),
  'incident.create': spec('admin', 'assurance', 'Recorded an information governance incident'),
  'incident.update': spec('admin', 'assurance', 'Updated an information governance incident'),
  'incident.close': spec('admin', 'assurance', 'Closed an information governance incident'),
  'incident.person.link': spec('oversight', 'assurance', 'Linked a person affected to an incident', {
    personWords: 'Recorded that an information governance incident affected you',
  }),
  'handover.sample.draw': spec(
    'system',
    'exchange',
    'Drew a manager’s weekly sample of escalation summaries',
  ),
  'handover.sample.view': spec('list', 'exchange', 'Opened a sample of escalation summaries', {
    personWords: 'Saw your name in a manager’s sample of escalation summaries',
  }),
  'handover.sample.review': spec('change', 'exchange', 'Recorded a finding on a sampled escalation summary', {
    personWords: 'Checked the quality of an escalation summary about you',
  }),
  'supervision_note.list': spec('list', 'exchange', 'Listed supervision notes', {
    personWords: 'Saw a supervision note about a handover about you',
  }),
  'handover.timeliness.view': spec('oversight', 'exchange', 'Viewed escalation timeliness figures'),
  'compliance.view': spec('oversight', 'assurance', 'Viewed an agreement’s quarterly compliance'),
  'compliance.drilldown': spec(
    'oversight',
    'assurance',
    'Opened the audit entries behind a compliance figure',
    { personWords: 'Checked a record of sharing about you when auditing a sharing agreement' },
  ),
  'sharing_audit.draw': spec('system', 'assurance', 'Drew the monthly information-sharing audit sample'),
  'sharing_audit.reaudit': spec('system', 'assurance', 'Re-audited a corrective action'),
  'sharing_audit.view': spec('oversight', 'assurance', 'Viewed a monthly information-sharing audit'),
  'sharing_audit.item.review': spec('admin', 'assurance', 'Confirmed or overrode an audit result'),
  'sharing_audit.item.person': spec(
    'person_read',
    'assurance',
    'Opened the person behind an audited disclosure',
    {
      personWords: 'Checked a disclosure of your information in an information-sharing audit',
    },
  ),
  'corrective_action.create': spec('admin', 'assurance', 'Raised a corrective action from an audit finding'),
  'corrective_action.close': spec('admin', 'assurance', 'Closed a corrective action'),
  'guide.acknowledge': spec('admin', 'agreements', 'Acknowledged their guide to what they share and when'),
  'guide.scenario.write': spec('admin', 'agreements', 'Wrote a new version of scenario guidance'),
  'interface.create': spec('admin', 'assurance', 'Recorded a workaround in the register of interfaces'),
  'interface.update': spec(
    'admin',
    'assurance',
    'Reviewed or changed a workaround in the register of interfaces',
  ),
  'incident.review.write': spec('admin', 'assurance', 'Recorded a post-incident review'),
  'incident.flow.link': spec('oversight', 'assurance', 'Linked a handover or risk signal to an incident', {
    personWords: 'Linked information shared about you to an information governance incident review',
  }),
  'incident.flow.list': spec('list', 'assurance', 'Saw the handovers and signals linked to an incident', {
    personWords: 'Looked at an information governance incident review that concerns you',
  }),
  'incident.action.create': spec(
    'admin',
    'assurance',
    'Added an action to an information governance incident',
  ),
  'incident.action.complete': spec(
    'admin',
    'assurance',
    'Completed an information governance incident action',
  ),
} as const satisfies Record<string, AuditActionSpec>;

/** A declared audit action. */
export type AuditAction = keyof typeof AUDIT_ACTIONS;

const entries = Object.entries(AUDIT_ACTIONS) as [AuditAction, AuditActionSpec][];

/** Actions of the given kinds. */
export function actionsOfKind(...kinds: readonly AuditActionKind[]): AuditAction[] {
  return entries.filter(([, s]) => kinds.includes(s.kind)).map(([a]) => a);
}

/** Reads of one person's record, including refused ones: what anomaly rules count as a read. */
export const PERSON_READ_ACTIONS: readonly AuditAction[] = actionsOfKind('person_read', 'disclosure');

/** Actions that put a person in front of a member of staff: the access report lists each. */
export const PERSON_FACING_ACTIONS: readonly AuditAction[] = actionsOfKind(
  'person_read',
  'disclosure',
  'list',
);

/** Refusals counted as "unable to share" when they cross organisations. */
export const UNABLE_TO_SHARE_ACTIONS: readonly AuditAction[] = entries
  .filter(([, s]) => s.unableToShare)
  .map(([a]) => a);

/** Refused attempts to reach person data. */
export const REFUSAL_ACTIONS: readonly AuditAction[] = entries.filter(([, s]) => s.refusal).map(([a]) => a);

/** True for a declared action (audit rows read back from storage are plain strings). */
export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, action);
}

/** The spec of a stored action, or undefined for an action no longer declared. */
export function auditActionSpec(action: string): AuditActionSpec | undefined {
  return isAuditAction(action) ? AUDIT_ACTIONS[action] : undefined;
}
