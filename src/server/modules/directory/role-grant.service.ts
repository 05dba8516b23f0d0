import type { RoleGrant } from '../../../contracts/authority.ts';
import type { StaffRole } from '../../../contracts/enums.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { changeActorOf, changeWithAuthority } from '../access/authority.service.ts';
import type { ChangeActor } from '../access/authority.ts';
import { decideChange } from '../access/authority-decide.ts';
import { closeGrant, findGrant, findPendingGrants, type RoleGrantView } from './role-grant.repository.ts';
import { addRole } from './staff.repository.ts';

/** Who sees an organisation's waiting role grants: those who ask for them and those who approve them. */
const GRANT_VIEWERS: readonly StaffRole[] = ['system_admin', 'ig_lead', 'service_manager'];

function approvalOf(actor: ChangeActor, g: RoleGrantView) {
  return {
    kind: 'role_grant.approve' as const,
    actor,
    grant: {
      staffId: g.staff_id,
      organisationId: g.organisation_id,
      role: g.role as StaffRole,
      requestedBy: g.requested_by,
      pending: g.status === 'pending',
    },
  };
}

function present(actor: ChangeActor, g: RoleGrantView): RoleGrant {
  return {
    id: g.id,
    staffId: g.staff_id,
    staffName: g.staff_name,
    organisationId: g.organisation_id,
    role: g.role as StaffRole,
    requestedBy: g.requested_by,
    requestedByName: g.requested_by_name,
    requestedAt: g.requested_at,
    status: g.status as RoleGrant['status'],
    can: { approve: decideChange(approvalOf(actor, g)).effect === 'permit' },
  };
}

/** Role grants of the caller's organisation waiting for a second person, with whether the caller may approve each. */
export async function listPendingRoleGrants(ctx: ServiceContext): Promise<{ items: RoleGrant[] }> {
  if (!ctx.principal.roles.some((r) => GRANT_VIEWERS.includes(r))) throw new ForbiddenError();
  const { db } = ctx.database;
  const [rows, actor] = await Promise.all([
    findPendingGrants(db, ctx.principal.organisationId),
    changeActorOf(ctx, db),
  ]);
  return { items: rows.map((g) => present(actor, g)) };
}

/**
 * The second person approves a waiting role: the organisation's IG lead (or its service manager, for
 * frontline roles), neither the one who asked nor the one who receives it. The role is granted and audited.
 */
export async function approveRoleGrant(ctx: ServiceContext, grantId: string): Promise<RoleGrant> {
  return changeWithAuthority(ctx, async (tx, authorize) => {
    const grant = await findGrant(tx, grantId);
    if (!grant) throw new NotFoundError('Role grant');
    const actor = await changeActorOf(ctx, tx);
    const target = { type: 'staff', id: grant.staff_id };
    authorize(approvalOf(actor, grant), { action: 'staff.role.approve', target });
    const at = ctx.now.toISOString();
    if (!(await closeGrant(tx, grantId, 'approved', ctx.principal.staffId, at)))
      throw new ConflictError('This role request was decided by someone else meanwhile.');
    await addRole(tx, grant.staff_id, grant.role as StaffRole);
    const details = { role: grant.role, grantId, requestedBy: grant.requested_by };
    await auditChange(ctx, tx, 'staff.role.approve', target, { details });
    await auditChange(ctx, tx, 'staff.role.grant', target, { details });
    return present(actor, {
      ...grant,
      status: 'approved',
      decided_by: ctx.principal.staffId,
      decided_at: at,
    });
  });
}
