import { Navigate } from 'react-router';
import { useMe } from './use-me.ts';

/**
 * Where "/" leads: administrators who hold no care role start in administration (they see no
 * person-level data by default), IG leads without a care role at the audit log; everyone else
 * starts at their caseload.
 */
export function HomeRedirect() {
  const me = useMe();
  const roles = me.data?.roles ?? [];
  const adminOnly = me.data?.can.administer && roles.every((r) => r === 'system_admin');
  const igOnly =
    roles.length > 0 &&
    roles.every((r) => r === 'ig_lead' || r === 'system_admin') &&
    roles.includes('ig_lead');
  return <Navigate to={adminOnly ? '/admin/staff' : igOnly ? '/audit' : '/people'} replace />;
}
