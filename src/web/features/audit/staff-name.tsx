import { useStaffMember } from './audit-api.ts';

/** A staff id shown as the person's name once the directory answers; never the id itself. */
export function StaffName({ id }: { id: string | null }) {
  const staff = useStaffMember(id);
  if (!id) return <span className="accord-muted">System</span>;
  if (staff.data) return <>{staff.data.displayName}</>;
  if (staff.isError) return <span className="accord-muted">A staff member not in the directory</span>;
  return <span className="accord-muted">Loading the name…</span>;
}
