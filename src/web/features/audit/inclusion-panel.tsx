import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { AuditEntryDto } from '../../../contracts/audit.ts';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Tag } from '../../components/tag.tsx';
import { checkEntryInclusion, type InclusionCheck } from '../../lib/entry-inclusion.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useInclusionProof, usePublicKeys, useTreeHeads } from './audit-api.ts';

const FAILURES: Readonly<Record<Exclude<InclusionCheck['status'], 'verified'>, string>> = {
  'entry-mismatch':
    'This entry, as shown, is not what the log recorded at its position. Report this to the IG lead and run a full verification.',
  'proof-failed':
    'The proof does not lead to the signed root. The log may have been changed. Run a full verification.',
  'head-unsigned':
    'The latest tree head does not carry a valid signature by any of the log’s published keys. Nothing can be checked against it.',
};

function Outcome({ check, timestamp }: { check: InclusionCheck; timestamp: string }) {
  if (check.status !== 'verified') {
    return (
      <div className="nhsuk-error-summary" role="alert" data-testid="inclusion-result">
        <h3 className="nhsuk-error-summary__heading">Inclusion not verified</h3>
        <p>{FAILURES[check.status]}</p>
      </div>
    );
  }
  return (
    <div className="accord-confirmation" data-testid="inclusion-result">
      <h3 className="nhsuk-heading-s">
        <Tag colour="green">Inclusion verified</Tag>
      </h3>
      <p>
        Verified in your browser in tree of size {check.treeSize}, signed {formatDateTime(timestamp)}: the
        entry as shown hashes to the leaf at its position, and the proof leads from that leaf to the signed
        root.
      </p>
      <p className="nhsuk-body-s">
        {check.signature === 'valid'
          ? 'The tree head’s Ed25519 signature matches the log’s published public key it names.'
          : 'This browser cannot check Ed25519 signatures, so the tree head’s signature was not checked here.'}
      </p>
      <p className="nhsuk-body-s accord-muted">
        Leaf hash <code className="accord-code accord-break">{check.leafHash}</code>
      </p>
    </div>
  );
}

/**
 * Proves, in the browser, that this entry is in the log the latest signed tree head describes
 * (RFC 9162 §2.1.3.2), rather than taking the server's word for it.
 */
export function InclusionPanel({ entry }: { entry: AuditEntryDto }) {
  const heads = useTreeHeads(1);
  const keys = usePublicKeys();
  const head = heads.data?.[0] ?? null;
  const covered = head !== null && entry.leafIndex !== null && entry.leafIndex < head.treeSize;
  const proof = useInclusionProof(covered ? entry.leafIndex : null, covered ? head.treeSize : null);
  const check = useQuery({
    queryKey: [
      'audit',
      'inclusion-check',
      entry.id,
      head?.treeSize,
      proof.dataUpdatedAt,
      keys.data?.map((k) => k.keyId).join(','),
    ],
    queryFn: () => {
      if (!head || !proof.data || !keys.data) throw new Error('missing proof');
      return checkEntryInclusion(entry, head, proof.data, keys.data);
    },
    enabled: Boolean(head && proof.data && keys.data),
    staleTime: Number.POSITIVE_INFINITY,
  });

  let body: ReactNode;
  if (heads.isPending || keys.isPending) body = <Loading what="Loading the latest signed tree head" />;
  else if (heads.isError || keys.isError) body = <QueryError error={heads.error ?? keys.error} />;
  else if (entry.leafIndex === null)
    body = <p>This entry has not been added to the tree yet. Look again in a few seconds.</p>;
  else if (!head || !covered)
    body = (
      <p>
        The log has not yet signed a tree head that covers this entry (position {entry.leafIndex}). Look again
        shortly.
      </p>
    );
  else if (proof.isError) body = <QueryError error={proof.error} />;
  else if (check.data) body = <Outcome check={check.data} timestamp={head.timestamp} />;
  else body = <Loading what="Checking the proof" />;

  return (
    <section aria-labelledby="inclusion-heading" className="accord-section-gap">
      <h2 id="inclusion-heading">Proof that this entry is in the log</h2>
      <div aria-live="polite">{body}</div>
    </section>
  );
}
