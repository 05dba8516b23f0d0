import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { SignedTreeHeadDto, TrustedPublicKeyDto } from '../../../contracts/audit.ts';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { SummaryList } from '../../components/summary-list.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { verifyTreeHeadWithKeys } from '../../lib/tree-head-verify.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { usePublicKeys, useTreeHeads, useVerifyLog } from './audit-api.ts';
import { AuditNav } from './audit-nav.tsx';

/** The server's full recomputation of the log: every entry, node and head. */
function VerifyPanel() {
  const verify = useVerifyLog();
  const report = verify.data;
  return (
    <section aria-labelledby="verify-heading" className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading" id="verify-heading">
          Verification{' '}
          {report ? (
            report.ok ? (
              <Tag colour="green">Log verified</Tag>
            ) : (
              <Tag colour="red">Problem found</Tag>
            )
          ) : null}
        </h2>
        {verify.isPending || verify.isFetching ? <Loading what="Recomputing the log" /> : null}
        {verify.isError ? <QueryError error={verify.error} /> : null}
        {report && !verify.isFetching ? (
          <>
            {report.problem ? (
              <div className="nhsuk-error-summary" role="alert">
                <h3 className="nhsuk-error-summary__heading">The first thing that does not match</h3>
                <p>
                  {report.problem.message} ({report.problem.kind} at {report.problem.at})
                </p>
              </div>
            ) : null}
            <SummaryList
              rows={[
                { key: 'Tree size', value: String(report.treeSize) },
                { key: 'Entries recomputed', value: String(report.entriesChecked) },
                { key: 'Tree nodes recomputed', value: String(report.nodesChecked) },
                { key: 'Signed heads checked', value: String(report.headsChecked) },
                { key: 'Entries waiting to be added', value: String(report.pending) },
              ]}
            />
          </>
        ) : null}
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          onClick={() => void verify.refetch()}
        >
          Verify again
        </button>
      </div>
    </section>
  );
}

/** A head's signature checked in the browser against the published key it names. */
function SignatureCell({
  head,
  keys,
}: {
  head: SignedTreeHeadDto;
  keys: readonly TrustedPublicKeyDto[] | undefined;
}) {
  const known = keys?.some((k) => k.keyId === head.keyId) ?? false;
  const check = useQuery({
    queryKey: ['audit', 'head-signature', head.treeSize, head.signature, head.keyId, known],
    queryFn: () => verifyTreeHeadWithKeys(head, keys ?? []),
    enabled: keys !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (check.data === 'valid') return <Tag colour="green">Valid</Tag>;
  if (check.data === 'invalid')
    return (
      <>
        <Tag colour="red">Not valid</Tag>
        {known ? null : <span className="accord-muted"> (signed with a key the log does not publish)</span>}
      </>
    );
  if (check.data === 'unsupported') return <span className="accord-muted">Not checked by this browser</span>;
  return <span className="accord-muted">Checking…</span>;
}

/** The public keys partners check signed heads with, the current one first. */
function PublicKeys({ keys }: { keys: readonly TrustedPublicKeyDto[] }) {
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          {keys.length === 1 ? 'The log’s public key' : 'The log’s public keys'}
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <p>
          Partners can keep signed heads outside Accord and check each one with the Ed25519 key it names. The
          current key signs new heads; a retired key signed heads before the key was rotated.
        </p>
        {keys.map((key) => (
          <div key={key.keyId}>
            <h3 className="nhsuk-heading-xs">
              {key.current ? 'Current key' : 'Retired key'}{' '}
              <span className="accord-muted accord-break">(key id {key.keyId})</span>
            </h3>
            <pre className="accord-pre">{key.publicKeyPem}</pre>
          </div>
        ))}
      </div>
    </details>
  );
}

/** Signed tree heads, newest first. */
function Heads() {
  const [limit, setLimit] = useState(20);
  const heads = useTreeHeads(limit);
  const keys = usePublicKeys();
  const columns: Column<SignedTreeHeadDto>[] = [
    { header: 'Signed', cell: (h) => formatDateTime(h.timestamp), nowrap: true },
    { header: 'Tree size', cell: (h) => h.treeSize },
    { header: 'Root hash', cell: (h) => <code className="accord-code accord-break">{h.rootHash}</code> },
    { header: 'Signature', cell: (h) => <SignatureCell head={h} keys={keys.data} /> },
  ];
  if (heads.isPending) return <Loading />;
  if (heads.isError) return <QueryError error={heads.error} />;
  return (
    <>
      {heads.data.length > 0 ? (
        <Table
          caption="Signed tree heads, newest first"
          columns={columns}
          rows={heads.data}
          rowKey={(h) => String(h.treeSize)}
        />
      ) : (
        <p>No tree head has been signed yet.</p>
      )}
      <p className="nhsuk-body-s accord-count">
        {heads.data.length === 1
          ? 'Showing the newest signed head'
          : `Showing the newest ${heads.data.length} signed heads`}
      </p>
      {heads.data.length === limit && limit < 100 ? (
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          onClick={() => setLimit(Math.min(100, limit + 20))}
        >
          Show older heads
        </button>
      ) : null}
      {keys.data ? <PublicKeys keys={keys.data} /> : null}
    </>
  );
}

/** Whether the log is intact: the server's verification and the signed tree heads. */
export function AuditIntegrityPage() {
  usePageTitle('Audit log integrity');
  return (
    <>
      <AuditNav />
      <h1>Audit log integrity</h1>
      <p>
        The log is a Merkle tree (RFC 9162). Signed tree heads commit to its contents; if any entry were
        changed or removed, verification would name the first one that does not match.
      </p>
      <VerifyPanel />
      <h2>Signed tree heads</h2>
      <Heads />
    </>
  );
}
