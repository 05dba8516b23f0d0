import { Navigate, Outlet, useLocation } from 'react-router';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useMe } from './use-me.ts';

/** Routes below need a signed-in caller; anyone else is sent to sign in and brought back after. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <QueryError error={me.error} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  return <Outlet />;
}

/** Routes below need the system administrator's rights; the server enforces them again on every call. */
export function RequireAdmin() {
  const me = useMe();
  return me.data?.can.administer ? <Outlet /> : <NotAdministrator />;
}

function NotAdministrator() {
  usePageTitle('You cannot use this page');
  return (
    <>
      <h1>You cannot use this page</h1>
      <p>
        Administration is for system administrators. Ask your organisation’s system administrator for help.
      </p>
    </>
  );
}
