import { Navigate } from 'react-router';
import { useMe } from './use-me.ts';

/**
 * Where "/" leads: administrators who hold no care role start in administration (they see no
 * person-level data by default); everyone else at their worklist, what needs their action now.
 */
export function HomeRedirect() {
  const me = useMe();
  const roles = me.data?.roles ?? [];
  const adminOnly = me.data?.can.administer && roles.every((r) => r === 'system_admin');
  return <Navigate to={adminOnly ? '/admin/staff' : '/worklist'} replace />;
}
