import { Link } from 'react-router';
import type { DpiaSummary } from '../../../contracts/dpia.ts';
import { FlashBanner } from '../../components/flash-banner.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDate } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useDpias } from './dpia-api.ts';

const COLUMNS: readonly Column<DpiaSummary>[] = [
  { header: 'DPIA', cell: (d) => <Link to={`/dpias/${d.id}`}>{d.title}</Link> },
  {
    header: 'Measures',
    cell: (d) =>
      d.notInPlace > 0 ? (
        <Tag colour="red">{`${d.notInPlace} of ${d.mitigations} not in place`}</Tag>
      ) : (
        <Tag colour="green">{`All ${d.mitigations} in place`}</Tag>
      ),
  },
  { header: 'DPO sign-off', cell: (d) => (d.signedOff ? 'Signed off' : 'Awaiting sign-off') },
  {
    header: 'Review',
    cell: (d) => (
      <>
        {formatDate(d.reviewDate)} {d.reviewDue ? <Tag colour="yellow">Review due</Tag> : null}
      </>
    ),
  },
];

/** DPIAs, each with how many of its measures are not in place as Accord measures them now. */
export function DpiasPage() {
  const dpias = useDpias();
  usePageTitle('Data protection impact assessments');
  return (
    <>
      <FlashBanner />
      <h1>Data protection impact assessments</h1>
      <p>
        Each measure is linked to a control Accord checks whenever the assessment is read, so “in place”
        always reflects how Accord is configured now.
      </p>
      <Link className="nhsuk-button" to="/dpias/new">
        Record a DPIA
      </Link>
      {dpias.isPending ? <Loading /> : null}
      {dpias.isError ? <QueryError error={dpias.error} /> : null}
      {dpias.data ? (
        dpias.data.items.length > 0 ? (
          <Table caption="DPIAs" columns={COLUMNS} rows={dpias.data.items} rowKey={(d) => d.id} />
        ) : (
          <p>No DPIAs have been recorded.</p>
        )
      ) : null}
    </>
  );
}
