// The governance pages (access, consent, agreements, audit, assurance), loaded as one chunk on first use.
export { BreakGlassPage } from './access/break-glass-page.tsx';
export { ExplainPage } from './access/explain-page.tsx';
export { PolicyEditPage } from './access/policy-edit-page.tsx';
export { PolicyPage } from './access/policy-page.tsx';
export { AgreementEditPage, AgreementNewPage } from './agreements/agreement-editor-page.tsx';
export { AgreementPage } from './agreements/agreement-page.tsx';
export { AgreementsPage } from './agreements/agreements-page.tsx';
export { DpiaNewPage } from './agreements/dpia-new-page.tsx';
export { DpiaPage } from './agreements/dpia-page.tsx';
export { DpiasPage } from './agreements/dpias-page.tsx';
export { GuidePage } from './agreements/guide-page.tsx';
export { GuideScenariosPage } from './agreements/guide-scenarios-page.tsx';
export { GuideStandingsPage } from './agreements/guide-standings-page.tsx';
export { GuideViewPage } from './agreements/guide-view-page.tsx';
export { AccessReviewPage } from './assurance/access-review-page.tsx';
export { AccessReviewsPage, EscalatedReviewsPage } from './assurance/access-reviews-page.tsx';
export { AnomalySettingsPage } from './assurance/anomaly-settings-page.tsx';
export { CasePage } from './assurance/case-page.tsx';
export { CasesPage } from './assurance/cases-page.tsx';
export {
  ComplianceAgreementsPage,
  ComplianceEntriesPage,
  CompliancePage,
} from './assurance/compliance-page.tsx';
export { CorrectiveActionsPage } from './assurance/corrective-actions-page.tsx';
export { IncidentActionsPage } from './assurance/incident-actions-page.tsx';
export { IncidentPage } from './assurance/incident-page.tsx';
export { IncidentsPage } from './assurance/incidents-page.tsx';
export { InterfacePage } from './assurance/interface-page.tsx';
export { InterfacesPage } from './assurance/interfaces-page.tsx';
export { SharingAuditPage } from './assurance/sharing-audit-page.tsx';
export { SharingAuditsPage } from './assurance/sharing-audits-page.tsx';
export { AccessReportPage } from './audit/access-report-page.tsx';
export { AuditActivityPage } from './audit/audit-activity-page.tsx';
export { AuditEntryPage } from './audit/audit-entry-page.tsx';
export { AuditExplorerPage } from './audit/audit-explorer-page.tsx';
export { AuditIntegrityPage } from './audit/audit-integrity-page.tsx';
export { CapturePage, CaptureStartPage } from './consent/capture/capture-page.tsx';
export { ConsentPage } from './consent/consent-page.tsx';
export { ConsentReviewsPage } from './consent/consent-reviews-page.tsx';
export { RefuseConsentPage, WithdrawConsentPage } from './consent/decision-page.tsx';
export { ExceptionReviewsPage } from './consent/exception-reviews-page.tsx';
export { LawfulExceptionPage } from './consent/lawful-exception-page.tsx';
export { RoleRequestsPage } from './directory/role-requests-page.tsx';
