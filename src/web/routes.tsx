import { Navigate, type RouteObject } from 'react-router';
import { Layout } from './components/layout.tsx';
import { Loading } from './components/query-status.tsx';
import { HomeRedirect } from './features/auth/home-redirect.tsx';
import { RequireAdmin, RequireAuth } from './features/auth/require-auth.tsx';
import { SignInPage } from './features/auth/sign-in-page.tsx';
import { CrisisSummaryPage } from './features/exchange/crisis-summary-page.tsx';
import { HandoverPage } from './features/exchange/handover-page.tsx';
import { HandoversPage } from './features/exchange/handovers-page.tsx';
import { PersonHandoversPage } from './features/exchange/person-handovers-page.tsx';
import { SamplePage } from './features/exchange/sample-page.tsx';
import { SamplesPage } from './features/exchange/samples-page.tsx';
import { SendHandoverPage } from './features/exchange/send-handover-page.tsx';
import { SupervisionNotesPage } from './features/exchange/supervision-notes-page.tsx';
import { TimelinessPage } from './features/exchange/timeliness-page.tsx';
import { AddEntryPage } from './features/people/add-entry-page.tsx';
import { AddMemberPage } from './features/people/add-member-page.tsx';
import { AmendEntryPage } from './features/people/amend-entry-page.tsx';
import { CaseloadPage } from './features/people/caseload-page.tsx';
import { EndMemberPage } from './features/people/end-member-page.tsx';
import { EntryVersionsPage } from './features/people/entry-versions-page.tsx';
import { PersonPage } from './features/people/person-page.tsx';
import {
  DataQualityAuditPage,
  DataQualityFindingPage,
  DataQualityPage,
} from './features/reporting/data-quality-page.tsx';
import { ReportingPage } from './features/reporting/reporting-page.tsx';
import { ReviewsPage } from './features/reporting/reviews-page.tsx';
import { CaseConferencePage } from './features/safeguarding/case-conference-page.tsx';
import { HuddlePage } from './features/safeguarding/huddle-page.tsx';
import { HuddleReviewPage } from './features/safeguarding/huddle-review-page.tsx';
import { RecordConcernPage } from './features/safeguarding/record-concern-page.tsx';
import { SafeguardingPage } from './features/safeguarding/safeguarding-page.tsx';
import { AlertPage } from './features/signals/alert-page.tsx';
import { CoordinationPage } from './features/signals/coordination-page.tsx';
import { RecordContactPage } from './features/signals/record-contact-page.tsx';
import { RecordSignalPage } from './features/signals/record-signal-page.tsx';
import { WorklistPage } from './features/work/worklist-page.tsx';
import { governanceRoutes } from './governance-routes.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { RouteError } from './pages/route-error.tsx';

type AdminPages = typeof import('./features/directory/admin-pages.ts');

/** A route whose page lives in the administration chunk, fetched on first use. */
function admin(path: string, page: keyof AdminPages): RouteObject {
  return {
    path,
    lazy: async () => {
      const pages = await import('./features/directory/admin-pages.ts');
      return { Component: pages[page] };
    },
  };
}

/** Every client route. The server answers index.html for each, so they survive a reload. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [
      { path: 'sign-in', element: <SignInPage /> },
      {
        element: <RequireAuth />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'people', element: <CaseloadPage /> },
          { path: 'people/:personId', element: <PersonPage /> },
          { path: 'people/:personId/entries/new', element: <AddEntryPage /> },
          { path: 'people/:personId/entries/:entryId/amend', element: <AmendEntryPage /> },
          { path: 'people/:personId/entries/:entryId/versions', element: <EntryVersionsPage /> },
          { path: 'people/:personId/care-team/new', element: <AddMemberPage /> },
          { path: 'people/:personId/care-team/:membershipId/end', element: <EndMemberPage /> },
          { path: 'worklist', element: <WorklistPage /> },
          { path: 'handovers', element: <HandoversPage /> },
          { path: 'handovers/:handoverId', element: <HandoverPage /> },
          { path: 'people/:personId/handovers', element: <PersonHandoversPage /> },
          { path: 'people/:personId/handovers/new', element: <SendHandoverPage /> },
          { path: 'people/:personId/coordination', element: <CoordinationPage /> },
          { path: 'people/:personId/signals/new', element: <RecordSignalPage /> },
          { path: 'people/:personId/contacts/new', element: <RecordContactPage /> },
          { path: 'alerts/:alertId', element: <AlertPage /> },
          { path: 'people/:personId/safeguarding', element: <SafeguardingPage /> },
          { path: 'people/:personId/safeguarding/new', element: <RecordConcernPage /> },
          { path: 'people/:personId/safeguarding/concerns/:concernId/huddle', element: <HuddleReviewPage /> },
          { path: 'people/:personId/case-conferences/new', element: <CaseConferencePage /> },
          { path: 'safeguarding/huddle', element: <HuddlePage /> },
          { path: 'people/:personId/reviews', element: <ReviewsPage /> },
          { path: 'reporting', element: <ReportingPage /> },
          { path: 'data-quality', element: <DataQualityPage /> },
          { path: 'data-quality/:auditId', element: <DataQualityAuditPage /> },
          { path: 'data-quality/findings/:findingId', element: <DataQualityFindingPage /> },
          { path: 'people/:personId/crisis-summary', element: <CrisisSummaryPage /> },
          { path: 'handover-samples', element: <SamplesPage /> },
          { path: 'handover-samples/:sampleId', element: <SamplePage /> },
          { path: 'supervision-notes', element: <SupervisionNotesPage /> },
          { path: 'escalation-timeliness', element: <TimelinessPage /> },
          ...governanceRoutes,
          {
            path: 'admin',
            element: <RequireAdmin />,
            children: [
              { index: true, element: <Navigate to="/admin/organisations" replace /> },
              admin('organisations', 'OrganisationsPage'),
              admin('organisations/new', 'OrganisationNewPage'),
              admin('organisations/:organisationId', 'OrganisationPage'),
              admin('teams', 'TeamsPage'),
              admin('teams/new', 'TeamNewPage'),
              admin('staff', 'StaffListPage'),
              admin('staff/new', 'StaffNewPage'),
              admin('staff/:staffId', 'StaffPage'),
              admin('staff/:staffId/edit', 'StaffEditPage'),
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
