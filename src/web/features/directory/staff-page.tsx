import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { Staff } from '../../../contracts/directory.ts';
import { BackLink } from '../../components/back-link.tsx';
import { FlashBanner } from '../../components/flash-banner.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { ApiError } from '../../lib/api-error.ts';
import { STAFF_ROLE_LABELS } from '../../lib/labels.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { useDirectoryMutations, useRoleGrants, useStaff } from './directory-api.ts';
import { StaffStatus } from './staff-status.tsx';
import { StaffTraining } from './staff-training.tsx';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

function Activation({ staff }: { staff: Staff }) {
  const { updateStaff } = useDirectoryMutations();
  return (
    <>
      {updateStaff.isError ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {updateStaff.error.message}{' '}
          {updateStaff.error instanceof ApiError
            ? updateStaff.error.reasons.map((r) => r.message).join(' ')
            : null}
        </p>
      ) : null}
      <button
        className={`nhsuk-button ${staff.active ? 'nhsuk-button--warning' : 'nhsuk-button--secondary'}`}
        type="button"
        onClick={() => updateStaff.mutate({ id: staff.id, active: !staff.active })}
      >
        {staff.active ? 'Deactivate account' : 'Reactivate account'}
      </button>
      {staff.active ? (
        <p className="nhsuk-body-s">
          A deactivated account cannot sign in or see anyone’s information. It can be reactivated.
        </p>
      ) : null}
    </>
  );
}

/** Clears the failed sign-ins that are slowing this account, so its holder can sign in at once. */
function Unlock({ staff }: { staff: Staff }) {
  const { unlockStaff } = useDirectoryMutations();
  if (!staff.locked) return null;
  return (
    <>
      {unlockStaff.isError ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {unlockStaff.error.message}
        </p>
      ) : null}
      <p className="nhsuk-body">
        Repeated failed sign-ins are slowing this account down. If you have checked it is really{' '}
        {staff.displayName} asking, you can let them sign in straight away.
      </p>
      <button
        className="nhsuk-button nhsuk-button--secondary"
        type="button"
        onClick={() => unlockStaff.mutate(staff.id)}
      >
        Unlock sign-in for {staff.displayName}
      </button>
    </>
  );
}

/** Roles asked for this account that wait for the organisation's IG lead or service manager. */
function WaitingRoles({ staffId }: { staffId: string }) {
  const grants = useRoleGrants();
  const waiting = (grants.data?.items ?? []).filter((g) => g.staffId === staffId);
  if (waiting.length === 0) return null;
  return (
    <Row label="Waiting for approval">
      {waiting.map((g) => STAFF_ROLE_LABELS[g.role]).join(', ')}{' '}
      <Link to="/role-requests">(role requests)</Link>
    </Row>
  );
}

/** One staff account: details, activation and training. */
export function StaffPage() {
  const { staffId = '' } = useParams();
  const staff = useStaff(staffId);
  usePageTitle(titleOf(staff, (s) => s.displayName));
  const s = staff.data;
  return (
    <>
      <BackLink to="/admin/staff">Back to staff</BackLink>
      <FlashBanner />
      {staff.isPending ? <Loading /> : null}
      {staff.isError ? <QueryError error={staff.error} /> : null}
      {s ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h1>
              <span className="nhsuk-caption-l">
                {s.jobTitle}, {s.organisationName}
                <span className="nhsuk-u-visually-hidden"> – </span>
              </span>
              {s.displayName}
            </h1>
            <dl className="nhsuk-summary-list">
              <Row label="Username">{s.username}</Row>
              <Row label="Email address">{s.email ?? 'Not given'}</Row>
              <Row label="Roles">{s.roles.map((r) => STAFF_ROLE_LABELS[r]).join(', ')}</Row>
              <WaitingRoles staffId={s.id} />
              <Row label="Teams">{s.teams.length > 0 ? s.teams.map((t) => t.name).join(', ') : 'None'}</Row>
              <Row label="Status">
                <StaffStatus staff={s} />
              </Row>
            </dl>
            <p className="nhsuk-body">
              <Link to={`/admin/staff/${s.id}/edit`}>
                Change details, roles or teams
                <span className="nhsuk-u-visually-hidden"> of {s.displayName}</span>
              </Link>
            </p>
            <Unlock staff={s} />
            <Activation staff={s} />
            <StaffTraining staff={s} />
          </div>
        </div>
      ) : null}
    </>
  );
}
