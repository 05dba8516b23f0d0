import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { InterfaceEntry } from '../../../contracts/interface-register.ts';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDate } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useHasRole } from '../auth/require-role.tsx';
import { InterfaceForm } from './interface-form.tsx';
import { REVIEW_WORDS, ROUTE_WORDS } from './interface-words.ts';
import { useInterfaceMutations, useInterfaces } from './interfaces-api.ts';

const COLUMNS: readonly Column<InterfaceEntry>[] = [
  { header: 'Workaround', cell: (e) => <Link to={`/interfaces/${e.id}`}>{e.title}</Link> },
  { header: 'Route', cell: (e) => ROUTE_WORDS[e.route] },
  { header: 'From', cell: (e) => e.organisationName },
  { header: 'To', cell: (e) => e.partners.map((p) => p.name).join(', ') },
  { header: 'Owner', cell: (e) => e.ownerName },
  { header: 'Risk', cell: (e) => `${e.riskScore} of 25` },
  {
    header: 'Review',
    cell: (e) => {
      if (e.status === 'retired') return <Tag colour="grey">Retired</Tag>;
      const [words, colour] = REVIEW_WORDS[e.reviewState];
      return <Tag colour={colour}>{`${words} ${formatDate(e.reviewOn)}`}</Tag>;
    },
  },
];

/** The register of interfaces and workarounds, and recording a new one. */
export function InterfacesPage() {
  usePageTitle('Register of interfaces and workarounds');
  const entries = useInterfaces();
  const hasRole = useHasRole();
  const { create } = useInterfaceMutations();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  return (
    <>
      <h1>Register of interfaces and workarounds</h1>
      <p>
        Wherever systems do not connect, the route used instead is recorded here with its owner, risk and
        review date. A handover can be sent outside Accord only by a live route in this register.
      </p>
      {entries.isPending ? <Loading /> : null}
      {entries.isError ? <QueryError error={entries.error} /> : null}
      {entries.data ? (
        <Table
          caption="Transfer routes outside Accord"
          columns={COLUMNS}
          rows={entries.data.items}
          rowKey={(e) => e.id}
        />
      ) : null}
      {hasRole('ig_lead', 'service_manager') ? (
        adding ? (
          <section aria-labelledby="new-interface">
            <h2 id="new-interface">Record a workaround</h2>
            <InterfaceForm
              submitLabel="Record the workaround"
              pending={create.isPending}
              onSubmit={(input, fail) =>
                create.mutate(input, { onSuccess: (e) => navigate(`/interfaces/${e.id}`), onError: fail })
              }
            />
          </section>
        ) : (
          <button
            className="nhsuk-button nhsuk-button--secondary"
            type="button"
            onClick={() => setAdding(true)}
          >
            Record a workaround
          </button>
        )
      ) : null}
    </>
  );
}
