import { Link, useSearchParams } from 'react-router';
import { GOVERNANCE_ROLES } from '../../../contracts/enums.ts';
import { FlashBanner } from '../../components/flash-banner.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { ORGANISATION_TYPE_LABELS } from '../../lib/labels.ts';
import { pageParam, searchHref } from '../../lib/search-params.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { ADMIN_PAGE_SIZE, useOrganisations } from './directory-api.ts';

/** The partnership's organisations, with how many governance roles each has filled. */
export function OrganisationsPage() {
  const [params] = useSearchParams();
  const page = pageParam(params);
  const organisations = useOrganisations(page, ADMIN_PAGE_SIZE);
  usePageTitle('Organisations');
  return (
    <>
      <FlashBanner />
      <h1>Organisations</h1>
      <Link className="nhsuk-button" to="/admin/organisations/new">
        Add an organisation
      </Link>
      {organisations.isPending ? <Loading /> : null}
      {organisations.isError ? <QueryError error={organisations.error} /> : null}
      {organisations.data ? (
        <>
          <table className="nhsuk-table accord-table-responsive">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
              Organisations in the partnership
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th className="nhsuk-table__header" scope="col">
                  Name
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Type
                </th>
                <th className="nhsuk-table__header" scope="col">
                  ODS code
                </th>
                <th className="nhsuk-table__header" scope="col">
                  Governance roles filled
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {organisations.data.items.map((o) => {
                const filled = new Set(o.governance.map((g) => g.role)).size;
                return (
                  <tr className="nhsuk-table__row" key={o.id}>
                    <td className="nhsuk-table__cell" data-label="Name">
                      <Link to={`/admin/organisations/${o.id}`}>{o.name}</Link>
                    </td>
                    <td className="nhsuk-table__cell" data-label="Type">
                      {ORGANISATION_TYPE_LABELS[o.type]}
                    </td>
                    <td className="nhsuk-table__cell" data-label="ODS code">
                      {o.odsCode ?? 'None'}
                    </td>
                    <td className="nhsuk-table__cell" data-label="Governance roles filled">
                      {filled} of {GOVERNANCE_ROLES.length}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pagination
            page={page}
            pageSize={ADMIN_PAGE_SIZE}
            total={organisations.data.total}
            noun="organisations"
            hrefFor={(p) => searchHref({ page: p })}
          />
        </>
      ) : null}
    </>
  );
}
