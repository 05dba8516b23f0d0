import { Link, useSearchParams } from 'react-router';
import type { BreakGlassGrant } from '../../../contracts/access.ts';
import { Pagination } from '../../components/pagination.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { pageParam, pageSlice, searchHref } from '../../lib/search-params.ts';
import { usePerson } from '../people/people-api.ts';
import { useBreakGlassGrants } from './access-api.ts';

const PAGE_SIZE = 10;

/** A live grant's person, named through the people route (which the grant itself opens). */
function LivePerson({ personId }: { personId: string }) {
  const person = usePerson(personId);
  return (
    <Link to={`/people/${personId}`}>
      {person.data ? `${person.data.givenName} ${person.data.familyName}` : 'Open the record'}
    </Link>
  );
}

const COLUMNS: readonly Column<BreakGlassGrant>[] = [
  {
    header: 'Person',
    cell: (g) =>
      g.live ? (
        <LivePerson personId={g.personId} />
      ) : (
        <span className="accord-muted">Closed when access ended</span>
      ),
  },
  { header: 'Opened', cell: (g) => formatDateTime(g.grantedAt), nowrap: true },
  { header: 'Ends or ended', cell: (g) => formatDateTime(g.expiresAt), nowrap: true },
  {
    header: 'Status',
    cell: (g) => (g.live ? <Tag colour="red">Live</Tag> : <Tag colour="grey">Expired</Tag>),
  },
];

/** The caller's emergency accesses, live first, ten to a page. */
export function BreakGlassGrants() {
  const [params] = useSearchParams();
  const page = pageParam(params);
  const grants = useBreakGlassGrants();
  if (grants.isPending) return <Loading what="Loading your emergency accesses" />;
  if (grants.isError) return <QueryError error={grants.error} />;
  const sorted = [...grants.data].sort((a, b) => Number(b.live) - Number(a.live));
  return (
    <>
      {sorted.length === 0 ? <p>You have not used emergency access.</p> : null}
      {sorted.length > 0 ? (
        <Table
          caption="Your emergency accesses"
          columns={COLUMNS}
          rows={pageSlice(sorted, page, PAGE_SIZE)}
          rowKey={(g) => g.id}
        />
      ) : null}
      {sorted.length > 0 ? (
        <Pagination
          page={page}
          pageSize={PAGE_SIZE}
          total={sorted.length}
          noun="emergency accesses"
          hrefFor={(p) => searchHref({ page: p })}
        />
      ) : null}
    </>
  );
}
