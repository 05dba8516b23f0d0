// The administration pages, loaded as one chunk only by those who open them.
export { OrganisationNewPage } from './organisation-new-page.tsx';
export { OrganisationPage } from './organisation-page.tsx';
export { OrganisationsPage } from './organisations-page.tsx';
export { StaffEditPage } from './staff-edit-page.tsx';
export { StaffListPage } from './staff-list-page.tsx';
export { StaffNewPage } from './staff-new-page.tsx';
export { StaffPage } from './staff-page.tsx';
export { TeamNewPage } from './team-new-page.tsx';
export { TeamsPage } from './teams-page.tsx';
