import { BackLink } from '../../components/back-link.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDate } from '../../lib/format.ts';
import { STAFF_ROLE_LABELS } from '../../lib/labels.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { type GuideStanding, useGuideStandings } from './guide-api.ts';
import { ACKNOWLEDGEMENT_WORDS } from './guide-words.ts';

const COLUMNS: readonly Column<GuideStanding>[] = [
  { header: 'Staff member', cell: (s) => s.displayName },
  { header: 'Role', cell: (s) => STAFF_ROLE_LABELS[s.role] },
  {
    header: 'Guide',
    cell: (s) => {
      const [words, colour] = ACKNOWLEDGEMENT_WORDS[s.acknowledgement.state];
      return <Tag colour={colour}>{words}</Tag>;
    },
  },
  {
    header: 'Lapses',
    cell: (s) => (s.acknowledgement.lapsesOn ? formatDate(s.acknowledgement.lapsesOn) : ''),
    nowrap: true,
  },
];

/** Staff awareness: who has acknowledged their guide, for IG leads and service managers. */
export function GuideStandingsPage() {
  usePageTitle('Staff awareness of their guides');
  const standings = useGuideStandings();
  return (
    <>
      <BackLink to="/guide">What we share and when</BackLink>
      <h1>Staff awareness of their guides</h1>
      {standings.isPending ? <Loading /> : null}
      {standings.isError ? <QueryError error={standings.error} /> : null}
      {standings.data ? (
        <Table
          caption="Staff who share person data, and their guide acknowledgements"
          columns={COLUMNS}
          rows={standings.data.items}
          rowKey={(s) => `${s.staffId}:${s.role}`}
        />
      ) : null}
    </>
  );
}
