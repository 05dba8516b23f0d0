import { useState } from 'react';
import { useParams } from 'react-router';
import { BackLink } from '../../components/back-link.tsx';
import { Radios } from '../../components/choice-group.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { SummaryList } from '../../components/summary-list.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDate } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { InterfaceForm } from './interface-form.tsx';
import { REVIEW_WORDS, ROUTE_WORDS } from './interface-words.ts';
import { useInterface, useInterfaceMutations } from './interfaces-api.ts';

/** One workaround: its risk assessment, and its review by the owner or the organisation's leads. */
export function InterfacePage() {
  const { interfaceId = '' } = useParams();
  const entry = useInterface(interfaceId);
  const { update } = useInterfaceMutations(interfaceId);
  const [status, setStatus] = useState('live');
  usePageTitle(entry.data?.title ?? 'Workaround');
  const e = entry.data;
  return (
    <>
      <BackLink to="/interfaces">The register</BackLink>
      {entry.isPending ? <Loading /> : null}
      {entry.isError ? <QueryError error={entry.error} /> : null}
      {e ? (
        <>
          <h1>{e.title}</h1>
          <SummaryList
            rows={[
              { key: 'Route', value: ROUTE_WORDS[e.route] },
              { key: 'From', value: e.organisationName },
              { key: 'To', value: e.partners.map((p) => p.name).join(', ') },
              { key: 'Why', value: e.gap },
              { key: 'Owner', value: e.ownerName },
              {
                key: 'Risk',
                value: `Likelihood ${e.likelihood}, severity ${e.severity}: ${e.riskScore} of 25. ${e.risk}`,
              },
              { key: 'Mitigations', value: e.mitigations },
              {
                key: 'Review',
                value:
                  e.status === 'retired' ? (
                    <Tag colour="grey">Retired</Tag>
                  ) : (
                    <Tag
                      colour={REVIEW_WORDS[e.reviewState][1]}
                    >{`${REVIEW_WORDS[e.reviewState][0]} ${formatDate(e.reviewOn)}`}</Tag>
                  ),
              },
            ]}
          />
          {e.can.edit ? (
            <section aria-labelledby="review-interface">
              <h2 id="review-interface">Review this workaround</h2>
              {update.isSuccess ? (
                <p className="accord-confirmation" role="status">
                  The review is recorded.
                </p>
              ) : null}
              <InterfaceForm
                key={e.version}
                entry={e}
                submitLabel="Record the review"
                pending={update.isPending}
                extra={
                  e.can.manage ? (
                    <Radios
                      id="interface-status"
                      label="Is the route still in use?"
                      value={status}
                      onChange={setStatus}
                      options={[
                        { value: 'live', label: 'Yes, keep it live' },
                        { value: 'retired', label: 'No, retire it' },
                      ]}
                    />
                  ) : (
                    <p>
                      As its owner you record the review: risk, mitigations and the next review date. Your IG
                      lead or service manager changes who it reaches, its route, or retires it.
                    </p>
                  )
                }
                onSubmit={(input, fail) =>
                  update.mutate(
                    {
                      ...input,
                      status: status === 'retired' ? 'retired' : 'live',
                      expectedVersion: e.version,
                    },
                    { onError: fail },
                  )
                }
              />
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}
