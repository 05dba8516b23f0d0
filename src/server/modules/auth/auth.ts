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

/** Sessions last a working shift at most (and end sooner when left idle; see ACCORD_SESSION_IDLE_MINUTES). */
export const SESSION_HOURS = 10;
/** API tokens expire: after this many days unless a shorter life is asked for. */
export const TOKEN_DEFAULT_DAYS = 90;
/** The longest life an API token may be given. */
export const TOKEN_MAX_DAYS = 365;

/** True when the principal holds any of the roles. */
export function hasAnyRole(principal: Principal, roles: readonly StaffRole[]): boolean {
  return principal.roles.some((r) => roles.includes(r));
}
