import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { FlashBanner } from '../../components/flash-banner.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { STAFF_ROLE_LABELS } from '../../lib/labels.ts';
import { pageParam, searchHref } from '../../lib/search-params.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { ADMIN_PAGE_SIZE, useStaffList } from './directory-api.ts';
import { useOrganisationOptions } from './organisation-options.ts';
import { StaffStatus } from './staff-status.tsx';

/** Staff accounts, searchable by name or username and filterable by organisation. */
export function StaffListPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const q = params.get('q') ?? '';
  const organisationId = params.get('organisationId') ?? '';
  const page = pageParam(params);
  const staff = useStaffList({
    q,
    organisationId: organisationId || undefined,
    page,
    pageSize: ADMIN_PAGE_SIZE,
  });
  const organisations = useOrganisationOptions();
  const [term, setTerm] = useState(q);
  const [org, setOrg] = useState(organisationId);
  usePageTitle('Staff');

  const search = (event: FormEvent) => {
    event.preventDefault();
    navigate(searchHref({ q: term.trim(), organisationId: org }));
  };

  return (
    <>
      <FlashBanner />
      <h1>Staff</h1>
      <Link className="nhsuk-button" to="/admin/staff/new">
        Add a staff member
      </Link>
      <search>
        <form className="accord-filter" onSubmit={search} noValidate>
          <TextInput
            id="staff-q"
            name="q"
            label="Name or username"
            type="search"
            value={term}
            onChange={setTerm}
            width={20}
            autoComplete="off"
          />
          <Select
            id="staff-organisation"
            label="Organisation"
            value={org}
            onChange={setOrg}
            placeholder="All organisations"
            options={organisations.options}
          />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Search
          </button>
        </form>
      </search>
      {staff.isPending ? <Loading /> : null}
      {staff.isError ? <QueryError error={staff.error} /> : null}
      {staff.data ? (
        <>
          {staff.data.items.length > 0 ? (
            <table className="nhsuk-table accord-table-responsive">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Staff accounts</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  {['Name', 'Username', 'Organisation', 'Roles', 'Status'].map((h) => (
                    <th className="nhsuk-table__header" scope="col" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {staff.data.items.map((s) => (
                  <tr className="nhsuk-table__row" key={s.id}>
                    <td className="nhsuk-table__cell" data-label="Name">
                      <Link to={`/admin/staff/${s.id}`}>{s.displayName}</Link>
                      <br />
                      <span className="nhsuk-body-s accord-muted">{s.jobTitle}</span>
                    </td>
                    <td className="nhsuk-table__cell" data-label="Username">
                      {s.username}
                    </td>
                    <td className="nhsuk-table__cell" data-label="Organisation">
                      {s.organisationName}
                    </td>
                    <td className="nhsuk-table__cell" data-label="Roles">
                      {s.roles.map((r) => STAFF_ROLE_LABELS[r]).join(', ')}
                    </td>
                    <td className="nhsuk-table__cell" data-label="Status">
                      <StaffStatus staff={s} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <Pagination
            page={page}
            pageSize={ADMIN_PAGE_SIZE}
            total={staff.data.total}
            noun="staff"
            hrefFor={(p) => searchHref({ q, organisationId, page: p })}
          />
        </>
      ) : null}
    </>
  );
}
