import { SubNav } from '../../components/sub-nav.tsx';

/** Links between the audit log's pages. */
export function AuditNav() {
  return (
    <SubNav
      label="Audit log"
      items={[
        { to: '/audit', label: 'Entries' },
        { to: '/audit/activity', label: 'Activity over time' },
        { to: '/audit/integrity', label: 'Integrity and signed heads' },
      ]}
    />
  );
}
