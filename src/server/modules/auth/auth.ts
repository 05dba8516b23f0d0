import type { StaffRole } from '../../../contracts/enums.ts';

/** The signed-in caller as every service sees them. */
export interface Principal {
  readonly staffId: string;
  readonly organisationId: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly StaffRole[];
  readonly teamIds: readonly string[];
  readonly active: boolean;
  /** Latest expiry of annual IG training, YYYY-MM-DD; null when never trained. */
  readonly igTrainingExpiresOn: string | null;
  /** Current safeguarding training (needed to edit restricted categories). */
  readonly safeguardingTrained: boolean;
  /** How the caller proved who they are. */
  readonly via: 'session' | 'token';
  readonly sessionId: string | null;
  readonly csrfToken: string | null;
}

/** Failed sign-ins before an account locks, and for how long. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;
/** Sessions last a working shift at most. */
export const SESSION_HOURS = 10;

/** True when the principal holds any of the roles. */
export function hasAnyRole(principal: Principal, roles: readonly StaffRole[]): boolean {
  return principal.roles.some((r) => roles.includes(r));
}
