import { useStaffMember } from './audit-api.ts';

/** A staff id shown as the person's name once the directory answers; the id stays when it cannot. */
export function StaffName({ id }: { id: string | null }) {
  const staff = useStaffMember(id);
  if (!id) return <span className="accord-muted">System</span>;
  if (staff.data) return <>{staff.data.displayName}</>;
  return <span className="accord-id">{id.slice(0, 8)}</span>;
}
