import { Link, useParams } from 'react-router';
import {
  ALERT_KIND_LABELS,
  ALERT_OUTCOME_LABELS,
  ATTENDANCE_LABELS,
  CONTACT_TYPE_LABELS,
  type CoordinationItem,
  SIGNAL_PROMPT_LABELS,
} from '../../../contracts/signals.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { TEMPLATE_LABELS } from '../exchange/exchange-words.ts';
import { WithheldMarkers } from './signal-words.tsx';
import { useCoordination } from './signals-api.ts';

function what(item: CoordinationItem) {
  switch (item.kind) {
    case 'signal':
      return (
        <>
          <Tag colour="orange">Signal</Tag> {SIGNAL_PROMPT_LABELS[item.signal.prompt]}:{' '}
          {item.signal.observation}
        </>
      );
    case 'contact':
      return (
        <>
          <Tag colour="blue">Contact</Tag> {CONTACT_TYPE_LABELS[item.contact.type]}:{' '}
          {ATTENDANCE_LABELS[item.contact.outcome]}
          {item.contact.note ? `. ${item.contact.note}` : ''}
        </>
      );
    case 'alert':
      return (
        <>
          <Tag colour="red">Alert</Tag> {ALERT_KIND_LABELS[item.alert.kind]}
          {item.alert.recipientName ? ` to ${item.alert.recipientName}` : ''}.{' '}
          {item.alert.acknowledgedAt
            ? `Acknowledged: ${item.alert.outcome ? ALERT_OUTCOME_LABELS[item.alert.outcome] : ''}`
            : 'Not acknowledged'}
          {item.alert.escalatedAt ? '; escalated' : ''}
        </>
      );
    case 'handover':
      return (
        <>
          <Tag colour="purple">Handover</Tag>{' '}
          <Link to={`/handovers/${item.handover.id}`}>
            {TEMPLATE_LABELS[item.handover.template as keyof typeof TEMPLATE_LABELS] ??
              item.handover.template}
          </Link>{' '}
          {item.handover.senderOrganisationName} to {item.handover.recipientOrganisationName}
        </>
      );
  }
}

function who(item: CoordinationItem): string {
  if (item.kind === 'signal') return `${item.signal.organisationName} (${item.signal.recordedByName})`;
  if (item.kind === 'contact') return `${item.contact.organisationName} (${item.contact.recordedByName})`;
  if (item.kind === 'handover') return item.handover.senderOrganisationName;
  return 'Escalation rules';
}

const COLUMNS: readonly Column<CoordinationItem>[] = [
  { header: 'When', cell: (i) => formatDateTime(i.at), nowrap: true },
  { header: 'What', cell: what },
  { header: 'Who', cell: who },
];

const keyOf = (i: CoordinationItem) =>
  `${i.kind}-${i.kind === 'signal' ? i.signal.id : i.kind === 'contact' ? i.contact.id : i.kind === 'alert' ? i.alert.id : i.handover.id}`;

/**
 * The newest few items of the timeline on the person page, with links to record a signal or a
 * contact and to the whole timeline.
 */
export function PersonCoordination({ personId }: { personId: string }) {
  const timeline = useCoordination(personId);
  return (
    <section aria-labelledby="coordination-heading" className="accord-no-print">
      <h2 id="coordination-heading">Case coordination</h2>
      {timeline.isPending ? <Loading what="Loading the timeline" /> : null}
      {timeline.error ? <QueryError error={timeline.error} /> : null}
      {timeline.data ? (
        timeline.data.items.length === 0 ? (
          <p>No signals, contacts, alerts or handovers you may see yet.</p>
        ) : (
          <Table
            caption="Most recent across agencies"
            columns={COLUMNS}
            rows={timeline.data.items.slice(0, 5)}
            rowKey={keyOf}
          />
        )
      ) : null}
      <ul className="nhsuk-list">
        <li>
          <Link to={`/people/${personId}/coordination`}>Full case coordination timeline</Link>
        </li>
        <li>
          <Link to={`/people/${personId}/signals/new`}>Record a signal</Link>
        </li>
        <li>
          <Link to={`/people/${personId}/contacts/new`}>Record a contact or visit</Link>
        </li>
      </ul>
    </section>
  );
}

/** The case coordination timeline: signals, contacts, alerts and handovers across agencies. */
export function CoordinationPage() {
  const { personId = '' } = useParams();
  const timeline = useCoordination(personId);
  usePageTitle('Case coordination timeline');
  if (timeline.isPending) return <Loading />;
  if (timeline.error) return <QueryError error={timeline.error} />;
  const t = timeline.data;
  return (
    <>
      <BackLink to={`/people/${personId}`}>Back to the record</BackLink>
      <h1>Case coordination timeline</h1>
      <ul className="nhsuk-list">
        <li>
          <Link to={`/people/${personId}/signals/new`}>Record a signal</Link>
        </li>
        <li>
          <Link to={`/people/${personId}/contacts/new`}>Record a contact or visit</Link>
        </li>
      </ul>
      <WithheldMarkers markers={t.withheld.filter((w) => w.kind === 'signal')} noun="signals" />
      <WithheldMarkers markers={t.withheld.filter((w) => w.kind === 'contact')} noun="contacts" />
      {t.alertsWithheld > 0 ? (
        <p>{t.alertsWithheld} alert(s) about this person are not shown to you.</p>
      ) : null}
      {t.items.length === 0 ? (
        <p>Nothing recorded yet.</p>
      ) : (
        <Table caption="Across agencies, newest first" columns={COLUMNS} rows={t.items} rowKey={keyOf} />
      )}
    </>
  );
}
