import type { Staff, StaffInput, StaffUpdate } from '../../../contracts/directory.ts';
import type { StaffRole } from '../../../contracts/enums.ts';
import type { Db, Tx } from '../../db/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { changeActorOf, changeWithAuthority, type PermittedChange } from '../access/authority.service.ts';
import { loadAccessPolicy } from '../access/policy.repository.ts';
import { hashPassword } from '../auth/password.ts';
import { clearThrottle } from '../auth/sign-in-throttle.repository.ts';
import { accountKey } from '../auth/sign-in-throttle.ts';
import { organisationHasStaff } from './organisation.repository.ts';
import { type PageRequest, requireOrganisation, windowOf } from './organisation.service.ts';
import { insertPendingGrants } from './role-grant.repository.ts';
import {
  endSessionsOf,
  findRolesOf,
  findStaffPage,
  findStaffRow,
  insertStaff,
  presentStaff,
  replaceStaffRolesAndTeams,
  updateStaffRow,
  usernameTaken,
} from './staff.repository.ts';
import { requireTeamsOf } from './team.service.ts';

/** Lists staff, searchable by name or username. */
export async function listStaff(
  ctx: ServiceContext,
  filter: { organisationId?: string | undefined; q?: string | undefined },
  page: PageRequest,
): Promise<{ items: Staff[]; total: number }> {
  const { db } = ctx.database;
  const { rows, total } = await findStaffPage(db, filter, windowOf(page));
  return { items: await presentStaff(db, rows, ctx.now), total };
}

/** One staff member. */
export async function getStaff(ctx: ServiceContext, id: string): Promise<Staff> {
  const { db } = ctx.database;
  const row = await findStaffRow(db, id);
  const [staff] = row ? await presentStaff(db, [row], ctx.now) : [];
  if (!staff) throw new NotFoundError('Staff member');
  return staff;
}

/** Roles whose tier opens person-level data under the policy in force. */
async function personDataRoles(db: Db): Promise<StaffRole[]> {
  const policy = await loadAccessPolicy(db);
  return (Object.keys(policy.tiers.tiers) as StaffRole[]).filter(
    (r) => (policy.tiers.tiers[r] ?? []).length > 0,
  );
}

/**
 * Applies a permitted role change: roles that open person data wait for the second person, every
 * other addition and every removal takes effect now; each is audited on its own.
 */
async function applyRoles(
  ctx: ServiceContext,
  tx: Tx,
  staff: { id: string; organisationId: string },
  before: readonly StaffRole[],
  asked: readonly StaffRole[],
  decision: PermittedChange,
  teamIds: readonly string[] | undefined,
): Promise<StaffRole[]> {
  const pending = decision.pendingRoles.map((p) => p.role);
  const granted = [...new Set(asked)].filter((r) => !pending.includes(r));
  await replaceStaffRolesAndTeams(tx, staff.id, granted, teamIds);
  await insertPendingGrants(
    tx,
    {
      staffId: staff.id,
      organisationId: staff.organisationId,
      requestedBy: ctx.principal.staffId,
      at: ctx.now.toISOString(),
    },
    pending,
  );
  const target = { type: 'staff', id: staff.id };
  for (const role of granted.filter((r) => !before.includes(r)))
    await auditChange(ctx, tx, 'staff.role.grant', target, { details: { role } });
  for (const role of before.filter((r) => !granted.includes(r)))
    await auditChange(ctx, tx, 'staff.role.revoke', target, { details: { role } });
  for (const role of pending) await auditChange(ctx, tx, 'staff.role.request', target, { details: { role } });
  return granted;
}

/**
 * Creates a staff account of the administrator's own organisation; without a password it can only
 * use API tokens. Roles that open person data are requested, not granted, until a second person approves.
 */
export async function createStaff(ctx: ServiceContext, input: StaffInput): Promise<Staff> {
  const id = crypto.randomUUID();
  const now = ctx.now.toISOString();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  await changeWithAuthority(ctx, async (tx, authorize) => {
    await requireOrganisation(tx, input.organisationId, 'body.organisationId');
    await requireTeamsOf(tx, input.organisationId, input.teamIds);
    const decision = authorize(
      {
        kind: 'staff.create',
        actor: await changeActorOf(ctx, tx),
        target: { staffId: null, organisationId: input.organisationId },
        currentRoles: [],
        roles: input.roles,
        personDataRoles: await personDataRoles(tx),
        targetOrganisationEmpty: !(await organisationHasStaff(tx, input.organisationId)),
      },
      { action: 'staff.create', target: { type: 'organisation', id: input.organisationId } },
    );
    if (await usernameTaken(tx, input.username))
      throw new ConflictError('That username is taken.', [
        { field: 'body.username', message: 'is already taken' },
      ]);
    await insertStaff(tx, {
      id,
      organisation_id: input.organisationId,
      username: input.username,
      display_name: input.displayName,
      job_title: input.jobTitle,
      email: input.email ?? null,
      password_hash: passwordHash,
      active: 1,
      failed_logins: 0,
      locked_until: null,
      created_at: now,
      updated_at: now,
    });
    const granted = await applyRoles(
      ctx,
      tx,
      { id, organisationId: input.organisationId },
      [],
      input.roles,
      decision,
      input.teamIds,
    );
    await auditChange(
      ctx,
      tx,
      'staff.create',
      { type: 'staff', id },
      { details: { roles: granted.join(',') } },
    );
  });
  return getStaff(ctx, id);
}

/** Changes a staff member's details, roles, teams or active flag; deactivation ends their sessions. */
export async function updateStaff(ctx: ServiceContext, id: string, input: StaffUpdate): Promise<Staff> {
  if (
    id === ctx.principal.staffId &&
    (input.active === false || (input.roles && !input.roles.includes('system_admin')))
  ) {
    // An administrator locking themselves out leaves the partnership without one; another admin must do it.
    throw new ValidationError([
      {
        field: input.active === false ? 'body.active' : 'body.roles',
        message: 'you cannot deactivate your own account or remove your own administrator role',
      },
    ]);
  }
  await changeWithAuthority(ctx, async (tx, authorize) => {
    const row = await findStaffRow(tx, id);
    if (!row) throw new NotFoundError('Staff member');
    const before = await findRolesOf(tx, id);
    const decision = authorize(
      {
        kind: 'staff.update',
        actor: await changeActorOf(ctx, tx),
        target: { staffId: id, organisationId: row.organisation_id },
        currentRoles: before,
        roles: input.roles,
        personDataRoles: await personDataRoles(tx),
        targetOrganisationEmpty: false,
      },
      { action: 'staff.update', target: { type: 'staff', id } },
    );
    if (input.teamIds) await requireTeamsOf(tx, row.organisation_id, input.teamIds);
    await updateStaffRow(
      tx,
      id,
      {
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.jobTitle !== undefined ? { job_title: input.jobTitle } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      },
      ctx.now.toISOString(),
    );
    const account = { id, organisationId: row.organisation_id };
    let granted = before;
    if (input.roles)
      granted = await applyRoles(ctx, tx, account, before, input.roles, decision, input.teamIds);
    else await replaceStaffRolesAndTeams(tx, id, undefined, input.teamIds);
    if (input.active === false) await endSessionsOf(tx, id);
    await auditChange(
      ctx,
      tx,
      'staff.update',
      { type: 'staff', id },
      {
        details: {
          fields: Object.keys(input).sort().join(','),
          ...(input.roles ? { roles: granted.join(',') } : {}),
        },
      },
    );
  });
  return getStaff(ctx, id);
}

/**
 * Lets an account sign in again at once: forgets its recent failed sign-ins (the delay they impose)
 * and any lock. Only an administrator of the account's own organisation may; the attempt is audited
 * either way. Sessions and roles are untouched.
 */
export async function unlockStaff(ctx: ServiceContext, id: string): Promise<Staff> {
  await changeWithAuthority(ctx, async (tx, authorize) => {
    const row = await findStaffRow(tx, id);
    if (!row) throw new NotFoundError('Staff member');
    authorize(
      {
        kind: 'staff.update',
        actor: await changeActorOf(ctx, tx),
        target: { staffId: id, organisationId: row.organisation_id },
        currentRoles: await findRolesOf(tx, id),
        roles: undefined,
        personDataRoles: [],
        targetOrganisationEmpty: false,
      },
      { action: 'staff.unlock', target: { type: 'staff', id } },
    );
    await clearThrottle(tx, accountKey(row.username));
    await updateStaffRow(tx, id, { locked_until: null }, ctx.now.toISOString());
    await auditChange(ctx, tx, 'staff.unlock', { type: 'staff', id });
  });
  return getStaff(ctx, id);
}
