import type { RoleGrant } from '../../../contracts/authority.ts';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { ApiError } from '../../lib/api-error.ts';
import { formatDate } from '../../lib/format.ts';
import { STAFF_ROLE_LABELS } from '../../lib/labels.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useApproveRoleGrant, useRoleGrants } from './directory-api.ts';

function ApproveButton({ grant }: { grant: RoleGrant }) {
  const approve = useApproveRoleGrant();
  if (!grant.can.approve) return <span className="nhsuk-hint">Needs another approver</span>;
  return (
    <button
      className="nhsuk-button nhsuk-button--secondary"
      type="button"
      disabled={approve.isPending}
      onClick={() => approve.mutate(grant.id)}
    >
      Approve {STAFF_ROLE_LABELS[grant.role].toLowerCase()} for {grant.staffName}
    </button>
  );
}

const COLUMNS: Column<RoleGrant>[] = [
  { header: 'Staff member', cell: (g) => g.staffName },
  { header: 'Role', cell: (g) => STAFF_ROLE_LABELS[g.role] },
  { header: 'Asked by', cell: (g) => g.requestedByName },
  { header: 'Asked on', cell: (g) => formatDate(g.requestedAt.slice(0, 10)), nowrap: true },
  { header: 'Action', hiddenHeader: true, cell: (g) => <ApproveButton grant={g} /> },
];

function Refusal({ error }: { error: unknown }) {
  if (!(error instanceof ApiError) || error.reasons.length === 0) return <QueryError error={error} />;
  return (
    <div className="nhsuk-error-summary" role="alert">
      <h2 className="nhsuk-error-summary__title">The role was not approved</h2>
      <ul className="nhsuk-list">
        {error.reasons.map((r) => (
          <li key={r.code}>{r.message}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Roles that open person-level information, asked for by an administrator and waiting for a second
 * person: the organisation's IG lead, or its service manager for frontline roles.
 */
export function RoleRequestsPage() {
  const grants = useRoleGrants();
  const approve = useApproveRoleGrant();
  usePageTitle('Role requests');
  return (
    <>
      <h1>Role requests</h1>
      <p>
        A role that lets someone see information about people is granted only when a second person approves
        it. You cannot approve a role you asked for or one given to you.
      </p>
      {approve.isError ? <Refusal error={approve.error} /> : null}
      {grants.isPending ? <Loading /> : null}
      {grants.isError ? <QueryError error={grants.error} /> : null}
      {grants.data && grants.data.items.length === 0 ? <p>No role requests are waiting.</p> : null}
      {grants.data && grants.data.items.length > 0 ? (
        <Table
          caption="Role requests waiting for approval"
          columns={COLUMNS}
          rows={grants.data.items}
          rowKey={(g) => g.id}
        />
      ) : null}
    </>
  );
}
