import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { HandoverDto } from '../../../contracts/exchange.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { SummaryList } from '../../components/summary-list.tsx';
import { Tag } from '../../components/tag.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { ApiError } from '../../lib/api-error.ts';
import type { SummaryError } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { PURPOSE_LABELS } from '../../lib/legal-labels.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { useMe } from '../auth/use-me.ts';
import { CopyView } from './copy-view.tsx';
import { useAcknowledge, useHandover } from './exchange-api.ts';
import { ROUTE_LABELS, TEMPLATE_LABELS } from './exchange-words.ts';
import { MyTasks, ResolveMissingForm } from './handover-follow-on.tsx';

/** Where a handover stands, as a tag. */
export function HandoverStatusTag({ h }: { h: Pick<HandoverDto, 'status' | 'overdue'> }) {
  if (h.status === 'acknowledged') return <Tag colour="green">Acknowledged</Tag>;
  return h.overdue ? <Tag colour="red">Overdue</Tag> : <Tag colour="blue">Awaiting acknowledgement</Tag>;
}

/** The lead acknowledges, noting an outstanding action they will own. */
function AcknowledgeForm({ h }: { h: HandoverDto }) {
  const me = useMe();
  const acknowledge = useAcknowledge(h.id);
  const [note, setNote] = useState('');
  const [action, setAction] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const owner = me.data?.id;
    acknowledge.mutate(
      {
        ...(note.trim() ? { note } : {}),
        actions: action.trim() && owner ? [{ description: action, ownerStaffId: owner }] : [],
      },
      {
        onError: (e) =>
          setErrors([{ message: e instanceof ApiError ? e.detail : 'Something went wrong. Try again.' }]),
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      {errors.length > 0 ? <ErrorSummary errors={errors} /> : null}
      <h2>Acknowledge</h2>
      <Textarea id="ack-note" label="Note (optional)" rows={3} value={note} onChange={setNote} />
      <TextInput
        id="ack-action"
        label="Outstanding action you will own (optional)"
        hint="It becomes a task on your worklist."
        value={action}
        onChange={setAction}
      />
      <button className="nhsuk-button" type="submit" disabled={acknowledge.isPending}>
        Acknowledge handover
      </button>
    </form>
  );
}

/** One handover: the recipient's copy, where it stands, and acknowledgement for its lead. */
export function HandoverPage() {
  const { handoverId = '' } = useParams();
  const handover = useHandover(handoverId);
  usePageTitle(titleOf(handover, (h) => TEMPLATE_LABELS[h.template]));
  if (handover.isPending) return <Loading />;
  if (handover.error) return <QueryError error={handover.error} />;
  const h = handover.data;
  return (
    <>
      <span className="nhsuk-caption-l">Handover</span>
      <h1>{TEMPLATE_LABELS[h.template]}</h1>
      <p>
        <HandoverStatusTag h={h} />
      </p>
      <SummaryList
        rows={[
          { key: 'Person', value: <Link to={`/people/${h.personId}`}>Open their record</Link> },
          { key: 'Purpose', value: PURPOSE_LABELS[h.purpose] },
          {
            key: 'Route',
            value: h.interfaceEntryId ? (
              <>
                {`${ROUTE_LABELS[h.route]}: `}
                <Link to={`/interfaces/${h.interfaceEntryId}`}>its entry in the register of workarounds</Link>
              </>
            ) : (
              ROUTE_LABELS[h.route]
            ),
          },
          { key: 'Sent', value: formatDateTime(h.sentAt) },
          { key: 'Acknowledge by', value: formatDateTime(h.dueAt) },
          ...(h.acknowledgedAt ? [{ key: 'Acknowledged', value: formatDateTime(h.acknowledgedAt) }] : []),
          ...(h.informationMissing
            ? [{ key: 'Information missing', value: h.missingFields.join(', ') }]
            : []),
          ...(h.escalations.length > 0
            ? [
                {
                  key: 'Escalations',
                  value: h.escalations
                    .map(
                      (e) =>
                        `${e.reason === 'INFORMATION_MISSING' ? 'Information missing' : `Tier ${e.tier}`} ${formatDateTime(e.escalatedAt)}${e.resolvedAt ? ` (resolved${e.resolution ? `: ${e.resolution}` : ''})` : ''}`,
                    )
                    .join('; '),
                },
              ]
            : []),
          ...(h.actions.length > 0
            ? [
                {
                  key: 'Actions',
                  value: h.actions
                    .map((a, i) => `${i + 1}. ${a.description}${a.status === 'done' ? ' (done)' : ''}`)
                    .join('; '),
                },
              ]
            : []),
        ]}
      />
      <h2>What was shared</h2>
      <CopyView fields={h.fields} />
      <p>
        <a href={`/api/v1/handovers/${h.id}/pdf`}>Download as PDF</a>
      </p>
      {h.can.acknowledge ? <AcknowledgeForm h={h} /> : null}
      <ResolveMissingForm h={h} />
      <MyTasks h={h} />
    </>
  );
}
