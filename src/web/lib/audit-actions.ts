/** What each audit action did, in plain words for the people who read the log. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'record.view': 'Viewed a record',
  'record.disclose': 'Viewed information shared by another organisation',
  'record.access.deny': 'Was refused part of a record',
  'record.edit.deny': 'Was refused a change to a record',
  'record.print': 'Printed a record',
  'person.access.deny': 'Was refused a record',
  'person.register': 'Registered a person',
  'caseload.list': 'Listed their caseload',
  'entry.create': 'Added an entry',
  'entry.amend': 'Amended an entry',
  'entry.history.view': 'Viewed an entry’s earlier versions',
  'care_team.add': 'Added a care-team member',
  'care_team.end': 'Ended a care-team membership',
  'care_team.restore': 'Restored a care-team membership',
  'break_glass.grant': 'Used emergency access',
  'break_glass.deny': 'Was refused emergency access',
  'break_glass.end': 'Ended emergency access',
  'consent.capture': 'Recorded consent',
  'consent.view': 'Viewed consent',
  'consent.preview': 'Checked what a consent would mean',
  'consent.export.fhir': 'Exported consent for another system',
  'consent.review.raise': 'Raised a consent review',
  'consent.review.complete': 'Completed a consent review',
  'consent_review.list': 'Listed consent reviews',
  'lawful_exception.record': 'Recorded sharing without consent',
  'exception_review.list': 'Listed exception reviews',
  'exception_review.view': 'Viewed an exception review',
  'exception_review.close': 'Closed an exception review',
  'access.explain': 'Asked why someone can or cannot see a record',
  'access.policy.update': 'Changed the access policy',
  'agreement.create': 'Drafted a data sharing agreement',
  'agreement.update': 'Changed a data sharing agreement',
  'agreement.status': 'Changed an agreement’s status',
  'access_review.open': 'Opened access reviews',
  'access_review.item.decide': 'Decided an access-review item',
  'access_review.item.undo': 'Undid an access-review revocation',
  'access_review.person.list': 'Saw a person named in an access review',
  'access_review.complete': 'Completed an access review',
  'access_review.reopen': 'Reopened an access review',
  'access_review.escalate': 'Escalated overdue access reviews',
  'anomaly.detection.run': 'Checked for unusual access',
  'anomaly.settings.update': 'Changed anomaly settings',
  'investigation.case.open': 'Opened an investigation',
  'investigation.case.evidence.add': 'Added evidence to an investigation',
  'investigation.case.close': 'Closed an investigation',
  'report.access.generate': 'Produced an access report',
  'report.access.deny': 'Was refused an access report',
  'audit.search': 'Searched the audit log',
  'audit.activity': 'Viewed audit activity',
  'audit.entry.view': 'Viewed an audit entry',
  'audit.export': 'Exported the audit log',
  'audit.key.rotate': 'Rotated the audit signing key',
  'auth.sign_in': 'Signed in',
  'auth.sign_out': 'Signed out',
  'api_token.create': 'Created an API token',
  'staff.create': 'Added a staff account',
  'staff.update': 'Changed a staff account',
  'staff.role.revoke': 'Removed a role',
  'staff.role.restore': 'Restored a role',
  'staff.training.add': 'Recorded training',
  'team.create': 'Added a team',
  'organisation.create': 'Added an organisation',
  'organisation.update': 'Changed an organisation',
  'organisation.governance.assign': 'Named a governance role holder',
};

/** An action in words; one this version does not describe is worded from its parts, never shown as a code. */
export function actionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known;
  const words = action.replace(/[._]+/g, ' ').trim();
  return words ? `${words.charAt(0).toUpperCase()}${words.slice(1)}` : 'Unnamed action';
}

/** The actions offered as a filter, in alphabetical order of their words. */
export const ACTION_OPTIONS: readonly { value: string; label: string }[] = Object.entries(AUDIT_ACTION_LABELS)
  .map(([value, label]) => ({ value, label }))
  .sort((a, b) => a.label.localeCompare(b.label));
