import { Link, useParams } from 'react-router';
import type { SampleItem } from '../../../contracts/sampling.ts';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { SummaryList } from '../../components/summary-list.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { SampleFindingForm } from './sample-finding-form.tsx';
import { useSample } from './sampling-api.ts';

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');

function Finding({ item }: { item: SampleItem }) {
  const f = item.finding;
  if (!f) return null;
  return (
    <SummaryList
      rows={[
        { key: 'Complete', value: yesNo(f.complete) },
        { key: 'Shared appropriately', value: yesNo(f.sharedAppropriately) },
        { key: 'Reflected in the record', value: yesNo(f.reflectedInRecord) },
        { key: 'Note', value: f.note },
        { key: 'Recorded', value: formatDateTime(f.reviewedAt) },
      ]}
    />
  );
}

/** One weekly sample: each summary to open, check and record a finding on; repeats marked. */
export function SamplePage() {
  const { sampleId = '' } = useParams();
  const sample = useSample(sampleId);
  usePageTitle(sample.data ? `Sample: week of ${formatDate(sample.data.weekStart)}` : 'Sample');
  if (sample.isPending) return <Loading />;
  if (sample.error) return <QueryError error={sample.error} />;
  const s = sample.data;
  return (
    <>
      <span className="nhsuk-caption-l">{s.teamName}</span>
      <h1>Escalation summaries sampled: week of {formatDate(s.weekStart)}</h1>
      <p data-testid="sample-progress">
        {s.reviewed} of {s.size} reviewed. Drawn from {s.population} summaries sent that week, with seed{' '}
        <code>{s.seed}</code>.
      </p>
      {s.items.map((item, i) => (
        <section key={item.handoverId} aria-labelledby={`item-${i + 1}`} className="accord-sample-item">
          <h2 id={`item-${i + 1}`}>
            Summary {i + 1}: {item.personName ?? 'a person not on your caseload'}{' '}
            {item.repeat ? (
              <Tag colour="orange">{`Repeat: ${item.escalationsInWindow} in 28 days`}</Tag>
            ) : null}
          </h2>
          <SummaryList
            rows={[
              { key: 'Sent', value: `${formatDateTime(item.sentAt)} by ${item.senderName}` },
              {
                key: 'Acknowledged',
                value: item.acknowledgedAt ? formatDateTime(item.acknowledgedAt) : 'Not yet acknowledged',
              },
            ]}
          />
          <p>
            <Link to={`/handovers/${item.handoverId}`}>Open summary {i + 1}</Link>
          </p>
          {item.finding ? (
            <>
              <h3>Finding</h3>
              <Finding item={item} />
            </>
          ) : (
            <SampleFindingForm sampleId={s.id} item={item} n={i + 1} />
          )}
        </section>
      ))}
      <p>
        <Link to="/handover-samples">All samples</Link>
      </p>
    </>
  );
}
