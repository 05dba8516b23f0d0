/** Who may do what with handovers and follow-ups. */
import type { StaffRole } from '../../../contracts/enums.ts';
import { ForbiddenError } from '../../http/errors.ts';
import type { ServiceContext } from '../../service-context.ts';
import { hasAnyRole } from '../auth/auth.ts';

/** Roles that send handovers and record follow-ups: those who hold people's records. */
export const HANDOVER_ROLES = [
  'frontline',
  'care_manager',
  'clinical',
  'duty',
  'safeguarding_lead',
  'service_manager',
] as const satisfies StaffRole[];

/** Roles that edit the minimum-dataset templates. */
export const TEMPLATE_EDITOR_ROLES = ['ig_lead', 'service_manager'] as const satisfies StaffRole[];

/** Throws 403 unless the caller holds one of the roles. */
export function requireRole(ctx: ServiceContext, roles: readonly StaffRole[], message: string): void {
  if (!hasAnyRole(ctx.principal, roles)) throw new ForbiddenError(message);
}
