import type { Staff } from '../../../contracts/directory.ts';
import { Tag } from '../../components/tag.tsx';

/** An account's state in words (with colour as support): active, inactive, locked. */
export function StaffStatus({ staff }: { staff: Pick<Staff, 'active' | 'locked'> }) {
  return (
    <>
      {staff.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Inactive</Tag>}
      {staff.locked ? (
        <>
          {' '}
          <Tag colour="red">Locked</Tag>
        </>
      ) : null}
    </>
  );
}
