import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { FlashBanner } from '../../components/flash-banner.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Select } from '../../components/select.tsx';
import { pageParam, searchHref } from '../../lib/search-params.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { ADMIN_PAGE_SIZE, useTeams } from './directory-api.ts';
import { useOrganisationOptions } from './organisation-options.ts';

/** Teams across the partnership, filterable by organisation. */
export function TeamsPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const organisationId = params.get('organisationId') ?? '';
  const page = pageParam(params);
  const teams = useTeams({ organisationId: organisationId || undefined, page, pageSize: ADMIN_PAGE_SIZE });
  const organisations = useOrganisationOptions();
  const [filter, setFilter] = useState(organisationId);
  usePageTitle('Teams');

  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(searchHref({ organisationId: filter }));
  };

  return (
    <>
      <FlashBanner />
      <h1>Teams</h1>
      <Link className="nhsuk-button" to="/admin/teams/new">
        Add a team
      </Link>
      <form className="accord-filter" onSubmit={apply} noValidate>
        <Select
          id="teams-organisation"
          label="Organisation"
          value={filter}
          onChange={setFilter}
          placeholder="All organisations"
          options={organisations.options}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Show teams
        </button>
      </form>
      {teams.isPending ? <Loading /> : null}
      {teams.isError ? <QueryError error={teams.error} /> : null}
      {teams.data ? (
        <>
          {teams.data.items.length > 0 ? (
            <table className="nhsuk-table accord-table-responsive">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Teams</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th className="nhsuk-table__header" scope="col">
                    Team
                  </th>
                  <th className="nhsuk-table__header" scope="col">
                    Organisation
                  </th>
                  <th className="nhsuk-table__header" scope="col">
                    Service type
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {teams.data.items.map((t) => (
                  <tr className="nhsuk-table__row" key={t.id}>
                    <td className="nhsuk-table__cell" data-label="Team">
                      {t.name}
                    </td>
                    <td className="nhsuk-table__cell" data-label="Organisation">
                      {t.organisationName}
                    </td>
                    <td className="nhsuk-table__cell" data-label="Service type">
                      {t.serviceType ?? 'Not given'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <Pagination
            page={page}
            pageSize={ADMIN_PAGE_SIZE}
            total={teams.data.total}
            noun="teams"
            hrefFor={(p) => searchHref({ organisationId, page: p })}
          />
        </>
      ) : null}
    </>
  );
}
