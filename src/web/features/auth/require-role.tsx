import { Outlet } from 'react-router';
import type { Me } from '../../../contracts/auth.ts';
import type { StaffRole } from '../../../contracts/enums.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useMe } from './use-me.ts';

/** Whether the signed-in caller holds any of the roles (to offer pages; the server decides again). */
export function hasAnyRole(me: Me | null | undefined, roles: readonly StaffRole[]): boolean {
  return (me?.roles ?? []).some((r) => roles.includes(r));
}

/** The signed-in caller's roles as a predicate, for showing links and actions. */
export function useHasRole(): (...roles: StaffRole[]) => boolean {
  const me = useMe();
  return (...roles) => hasAnyRole(me.data, roles);
}

/**
 * Routes below are offered to these roles only. It keeps people away from pages that would only
 * answer "forbidden"; every call is still checked by the server.
 */
export function RequireRoles({ roles }: { roles: readonly StaffRole[] }) {
  const me = useMe();
  return hasAnyRole(me.data, roles) ? <Outlet /> : <NotForRole />;
}

function NotForRole() {
  usePageTitle('You cannot use this page');
  return (
    <>
      <h1>You cannot use this page</h1>
      <p>This page is for staff with a different role. If you need it for your work, ask your manager.</p>
    </>
  );
}
