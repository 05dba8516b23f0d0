import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatNhsNumber } from '../../../contracts/nhs-number.ts';
import { Pagination } from '../../components/pagination.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { formatDate, listName } from '../../lib/format.ts';
import { pageParam, searchHref } from '../../lib/search-params.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { CASELOAD_PAGE_SIZE, useCaseload } from './people-api.ts';

/** The people the caller is actively involved with, searchable by name or NHS number. */
export function CaseloadPage() {
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = pageParam(params);
  const caseload = useCaseload(q, page);
  const navigate = useNavigate();
  const [term, setTerm] = useState(q);
  usePageTitle(q ? `Caseload search: ${q}` : 'Your caseload');

  const search = (event: FormEvent) => {
    event.preventDefault();
    navigate(searchHref({ q: term.trim() }));
  };

  return (
    <>
      <h1>Your caseload</h1>
      <p>People whose care you are part of now.</p>
      <search>
        <form className="accord-search" onSubmit={search} noValidate>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="caseload-q">
              Search by name or NHS number
            </label>
            <div className="accord-search__row">
              <input
                className="nhsuk-input nhsuk-input--width-20"
                id="caseload-q"
                name="q"
                type="search"
                value={term}
                onChange={(e) => setTerm(e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
              <button className="nhsuk-button nhsuk-button--secondary accord-search__button" type="submit">
                Search
              </button>
            </div>
          </div>
        </form>
      </search>
      {caseload.isPending ? <Loading what="Loading your caseload" /> : null}
      {caseload.isError ? <QueryError error={caseload.error} /> : null}
      {caseload.data ? (
        <>
          {caseload.data.items.length > 0 ? (
            <table className="nhsuk-table accord-table-responsive">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
                {q ? `People matching “${q}”` : 'People on your caseload'}
              </caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th className="nhsuk-table__header" scope="col">
                    Name
                  </th>
                  <th className="nhsuk-table__header" scope="col">
                    NHS number
                  </th>
                  <th className="nhsuk-table__header" scope="col">
                    Date of birth
                  </th>
                  <th className="nhsuk-table__header" scope="col">
                    Postcode
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {caseload.data.items.map((p) => (
                  <tr className="nhsuk-table__row" key={p.id}>
                    <td className="nhsuk-table__cell" data-label="Name">
                      <Link to={`/people/${p.id}`}>{listName(p)}</Link>
                    </td>
                    <td className="nhsuk-table__cell accord-nowrap" data-label="NHS number">
                      {formatNhsNumber(p.nhsNumber)}
                    </td>
                    <td className="nhsuk-table__cell accord-nowrap" data-label="Date of birth">
                      {formatDate(p.dateOfBirth)}
                    </td>
                    <td className="nhsuk-table__cell" data-label="Postcode">
                      {p.postcode ?? 'Not recorded'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{q ? `No one on your caseload matches “${q}”.` : 'There is no one on your caseload.'}</p>
          )}
          <Pagination
            page={page}
            pageSize={CASELOAD_PAGE_SIZE}
            total={caseload.data.total}
            noun="people"
            hrefFor={(p) => searchHref({ q, page: p })}
          />
        </>
      ) : null}
    </>
  );
}
