/** The directory's use-cases under one name, for the CLI and other modules. */

export {
  assignGovernanceRole,
  createOrganisation,
  getOrganisation,
  listOrganisations,
  type PageRequest,
  updateOrganisation,
} from './organisation.service.ts';
export { approveRoleGrant, listPendingRoleGrants } from './role-grant.service.ts';
export { createStaff, getStaff, listStaff, updateStaff } from './staff.service.ts';
export { createTeam, listTeams } from './team.service.ts';
export { addTraining } from './training.service.ts';
