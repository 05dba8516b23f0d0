import type { RouteObject } from 'react-router';
import type { StaffRole } from '../contracts/enums.ts';
import { RequireRoles } from './features/auth/require-role.tsx';

type GovernancePages = typeof import('./features/governance-pages.ts');

/** A route whose page lives in the governance chunk, fetched on first use. */
function page(path: string, name: keyof GovernancePages): RouteObject {
  return {
    path,
    lazy: async () => {
      const pages = await import('./features/governance-pages.ts');
      return { Component: pages[name] };
    },
  };
}

/** Pages offered to some roles only; the server checks every call again. */
function forRoles(roles: readonly StaffRole[], children: RouteObject[]): RouteObject {
  return { element: <RequireRoles roles={roles} />, children };
}

/** Routes of the governance features, below the signed-in area. */
export const governanceRoutes: RouteObject[] = [
  page('people/:personId/consent', 'ConsentPage'),
  page('people/:personId/access-report', 'AccessReportPage'),
  forRoles(
    ['care_manager', 'clinical', 'service_manager'],
    [
      page('people/:personId/consent/capture', 'CaptureStartPage'),
      page('people/:personId/consent/capture/:step', 'CapturePage'),
      page('people/:personId/consent/withdraw', 'WithdrawConsentPage'),
      page('people/:personId/consent/refuse', 'RefuseConsentPage'),
      page('consent-reviews', 'ConsentReviewsPage'),
    ],
  ),
  forRoles(
    ['care_manager', 'clinical', 'duty', 'safeguarding_lead'],
    [page('people/:personId/lawful-exceptions/new', 'LawfulExceptionPage')],
  ),
  forRoles(['duty'], [page('emergency-access', 'BreakGlassPage')]),
  forRoles(['ig_lead', 'care_manager'], [page('explain', 'ExplainPage')]),
  page('access-policy', 'PolicyPage'),
  page('agreements', 'AgreementsPage'),
  page('agreements/:agreementId', 'AgreementPage'),
  forRoles(
    ['ig_lead'],
    [
      page('access-policy/edit', 'PolicyEditPage'),
      page('agreements/new', 'AgreementNewPage'),
      page('agreements/:agreementId/edit', 'AgreementEditPage'),
      page('audit', 'AuditExplorerPage'),
      page('audit/activity', 'AuditActivityPage'),
      page('audit/integrity', 'AuditIntegrityPage'),
      page('audit/entries/:entryId', 'AuditEntryPage'),
      page('cases', 'CasesPage'),
      page('cases/settings', 'AnomalySettingsPage'),
      page('cases/:caseId', 'CasePage'),
      page('exception-reviews', 'ExceptionReviewsPage'),
      page('access-reviews/escalated', 'EscalatedReviewsPage'),
      page('dpias', 'DpiasPage'),
      page('dpias/new', 'DpiaNewPage'),
      page('dpias/:dpiaId', 'DpiaPage'),
      page('incidents', 'IncidentsPage'),
      page('incidents/:incidentId', 'IncidentPage'),
      page('sharing-audits', 'SharingAuditsPage'),
      page('sharing-audits/:auditId', 'SharingAuditPage'),
    ],
  ),
  forRoles(
    ['service_manager', 'ig_lead'],
    [page('access-reviews', 'AccessReviewsPage'), page('access-reviews/:reviewId', 'AccessReviewPage')],
  ),
  forRoles(['service_manager', 'ig_lead', 'system_admin'], [page('role-requests', 'RoleRequestsPage')]),
  // DPOs may hold any role: the server decides who sees an agreement's compliance.
  page('compliance', 'ComplianceAgreementsPage'),
  page('compliance/:agreementId/:quarter', 'CompliancePage'),
  page('compliance/:agreementId/:quarter/entries', 'ComplianceEntriesPage'),
  page('corrective-actions', 'CorrectiveActionsPage'),
  page('guide', 'GuidePage'),
  forRoles(['ig_lead'], [page('guide/scenarios', 'GuideScenariosPage')]),
  forRoles(
    ['ig_lead', 'service_manager'],
    [page('guide/standings', 'GuideStandingsPage'), page('guide/view', 'GuideViewPage')],
  ),
  page('interfaces', 'InterfacesPage'),
  page('interfaces/:interfaceId', 'InterfacePage'),
  page('incident-actions', 'IncidentActionsPage'),
];
