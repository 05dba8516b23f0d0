/** What other modules may use from the directory. */

export { directoryRoutes } from './directory.routes.ts';
export * as directoryService from './directory.service.ts';
export { staffHoldsGovernanceRole } from './governance.repository.ts';
export { isActiveStaffOf } from './staff.repository.ts';
