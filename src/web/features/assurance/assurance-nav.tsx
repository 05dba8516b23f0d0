import { SubNav } from '../../components/sub-nav.tsx';
import { useHasRole } from '../auth/require-role.tsx';

/** The IG lead's assurance pages, linked to each other. Others see no sub-navigation. */
export function AssuranceNav() {
  const hasRole = useHasRole();
  if (!hasRole('ig_lead')) return null;
  return (
    <SubNav
      label="Assurance"
      items={[
        { to: '/cases', label: 'Investigation cases' },
        { to: '/exception-reviews', label: 'Exception reviews' },
        { to: '/access-reviews/escalated', label: 'Escalated access reviews' },
        { to: '/cases/settings', label: 'Anomaly settings' },
        { to: '/incidents', label: 'IG incidents' },
        { to: '/dpias', label: 'DPIAs' },
        { to: '/compliance', label: 'Agreement compliance' },
        { to: '/sharing-audits', label: 'Monthly sharing audit' },
        { to: '/interfaces', label: 'Interfaces and workarounds' },
      ]}
    />
  );
}
