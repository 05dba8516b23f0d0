/**
 * Checks of safeguarding input the schema cannot make: named staff and organisations exist, the
 * lead is a safeguarding lead of the recording organisation. Each failure names its field.
 */
import type { FieldError } from '../../../contracts/errors.ts';
import type { ProtectiveActionInput } from '../../../contracts/safeguarding.ts';
import type { Db } from '../../db/database.ts';
import { ValidationError } from '../../http/errors.ts';
import type { CareTeamMembership } from '../access/index.ts';
import {
  findOrganisationNames,
  findStaffContacts,
  findTeamsOfStaff,
  staffHoldsRole,
} from './safeguarding.repository.ts';

/** What to check: staff ids and organisation ids, each with the field that named it. */
export interface References {
  readonly staff: readonly { id: string; field: string }[];
  readonly organisations: readonly { id: string; field: string }[];
  readonly lead?: { id: string; field: string; organisationId: string };
}

/** The staff references of a list of actions, as `<prefix>[i].ownerStaffId`. */
export function actionOwners(prefix: string, actions: readonly ProtectiveActionInput[]) {
  return actions.map((a, i) => ({ id: a.ownerStaffId, field: `body.${prefix}.${i}.ownerStaffId` }));
}

/** Fails with every unknown reference named; passes silently otherwise. */
export async function checkReferences(db: Db, refs: References): Promise<void> {
  const staffIds = [...refs.staff.map((s) => s.id), ...(refs.lead ? [refs.lead.id] : [])];
  const [staff, organisations] = await Promise.all([
    findStaffContacts(db, staffIds),
    findOrganisationNames(
      db,
      refs.organisations.map((o) => o.id),
    ),
  ]);
  const errors: FieldError[] = [];
  for (const s of refs.staff)
    if (staff.get(s.id)?.active !== 1)
      errors.push({ field: s.field, message: 'must name an active member of staff' });
  for (const o of refs.organisations)
    if (!organisations.has(o.id))
      errors.push({ field: o.field, message: 'must name an organisation in the partnership' });
  if (refs.lead) {
    const lead = staff.get(refs.lead.id);
    const isLead =
      lead?.active === 1 &&
      lead.organisation_id === refs.lead.organisationId &&
      (await staffHoldsRole(db, refs.lead.id, 'safeguarding_lead'));
    if (!isLead)
      errors.push({ field: refs.lead.field, message: 'must name a safeguarding lead of your organisation' });
  }
  if (errors.length > 0) throw new ValidationError(errors);
}

/**
 * Every action owner must be on the person's care team today (named, or through a team), so the
 * action's text only reaches someone involved in the person's care, and they can open it to close it.
 */
export async function requireOwnersOnCareTeam(
  db: Db,
  owners: readonly { id: string; field: string }[],
  careTeam: readonly CareTeamMembership[],
  today: string,
): Promise<void> {
  if (owners.length === 0) return;
  const live = careTeam.filter((m) => m.startDate <= today && (m.endDate === null || m.endDate >= today));
  const teams = await findTeamsOfStaff(
    db,
    owners.map((o) => o.id),
  );
  const errors: FieldError[] = owners
    .filter((o) => {
      const theirs = teams.get(o.id) ?? [];
      return !live.some((m) => m.staffId === o.id || (m.teamId !== null && theirs.includes(m.teamId)));
    })
    .map((o) => ({ field: o.field, message: 'must be on the person’s care team' }));
  if (errors.length > 0) throw new ValidationError(errors);
}
