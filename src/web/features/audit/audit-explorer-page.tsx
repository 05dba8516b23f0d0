import { Link, useSearchParams } from 'react-router';
import { Pagination } from '../../components/pagination.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { pageParam, searchHref } from '../../lib/search-params.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { AUDIT_PAGE_SIZE, useAuditEntries } from './audit-api.ts';
import { AuditEntriesTable } from './audit-entries-table.tsx';
import { AuditFilters, apiFilterOf, filterParamsOf } from './audit-filters.tsx';
import { AuditNav } from './audit-nav.tsx';

/** The IG lead's view of the audit log: every access, disclosure and change, filtered and paged. */
export function AuditExplorerPage() {
  const [params] = useSearchParams();
  const filters = filterParamsOf(params);
  const page = pageParam(params);
  const entries = useAuditEntries(apiFilterOf(filters), page);
  usePageTitle('Audit log');
  const personName = entries.data?.items.find((e) => e.personId === filters.personId)?.names?.person ?? null;
  return (
    <>
      <AuditNav />
      <h1>Audit log</h1>
      <p>
        Every access to a person’s information, every disclosure and every change, with the reason it was
        allowed or refused. Entries never hold clinical content.
      </p>
      <AuditFilters key={params.toString()} initial={filters} personName={personName} />
      {filters.personId ? (
        <p>
          <Link to={`/explain?personId=${filters.personId}`}>
            Explain who can see this person’s information
          </Link>
        </p>
      ) : null}
      {entries.isPending ? <Loading what="Loading entries" /> : null}
      {entries.isError ? <QueryError error={entries.error} /> : null}
      {entries.data ? (
        <>
          {entries.data.items.length > 0 ? (
            <AuditEntriesTable entries={entries.data.items} caption="Audit entries, newest first" />
          ) : null}
          <Pagination
            page={page}
            pageSize={AUDIT_PAGE_SIZE}
            total={entries.data.total}
            noun="entries"
            hrefFor={(p) => searchHref({ ...filters, page: p })}
          />
        </>
      ) : null}
    </>
  );
}
