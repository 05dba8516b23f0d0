import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import type { IncidentAction, IncidentReview } from '../../../contracts/incident-review.ts';
import { Radios } from '../../components/choice-group.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Select } from '../../components/select.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { ApiError } from '../../lib/api-error.ts';
import { formatDate } from '../../lib/format.ts';
import { useStaffList } from '../directory/directory-api.ts';
import { useIncidentReview, useIncidentReviewMutations } from './incident-review-api.ts';

const problemOf = (error: unknown, fallback: string): string =>
  error instanceof ApiError
    ? [error.detail, ...error.fieldErrors.map((f) => `${f.field.replace('body.', '')} ${f.message}`)].join(
        ' ',
      )
    : fallback;

const ACTION_COLUMNS: readonly Column<IncidentAction>[] = [
  { header: 'Action', cell: (a) => a.description },
  { header: 'Owner', cell: (a) => a.ownerName },
  { header: 'Due', cell: (a) => formatDate(a.dueOn), nowrap: true },
  {
    header: 'Status',
    cell: (a) =>
      a.status === 'done' ? (
        <Tag colour="green">Done</Tag>
      ) : a.overdue ? (
        <Tag colour="red">Overdue</Tag>
      ) : (
        <Tag colour="blue">Open</Tag>
      ),
  },
];

function ReviewForm({ incidentId, data }: { incidentId: string; data: IncidentReview }) {
  const { write } = useIncidentReviewMutations(incidentId);
  const [weakPoints, setWeakPoints] = useState(data.review?.weakPoints ?? '');
  const [whatHeld, setWhatHeld] = useState(data.review?.whatHeld ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    write.mutate({ weakPoints, whatHeld, expectedVersion: data.review?.version ?? 0 });
  };
  return (
    <form onSubmit={submit} noValidate>
      {write.error ? (
        <ErrorSummary errors={[{ message: problemOf(write.error, 'The review was not saved.') }]} />
      ) : null}
      {write.isSuccess ? (
        <p className="accord-confirmation" role="status">
          The review is saved.
        </p>
      ) : null}
      <Textarea
        id="review-weakPoints"
        label="Where was the flow of information weak?"
        value={weakPoints}
        onChange={setWeakPoints}
        rows={4}
      />
      <Textarea
        id="review-whatHeld"
        label="What held, and should be kept?"
        value={whatHeld}
        onChange={setWhatHeld}
        rows={3}
      />
      <button className="nhsuk-button" type="submit">
        Save the post-incident review
      </button>
    </form>
  );
}

function LinkForm({ incidentId }: { incidentId: string }) {
  const { link } = useIncidentReviewMutations(incidentId);
  const [kind, setKind] = useState('HANDOVER');
  const [id, setId] = useState('');
  const [personId, setPersonId] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    link.mutate({
      kind: kind === 'SIGNAL' ? 'SIGNAL' : 'HANDOVER',
      id: id.trim(),
      personId: personId.trim(),
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <h3>Link a handover or risk signal involved</h3>
      {link.error ? (
        <ErrorSummary errors={[{ message: problemOf(link.error, 'Nothing was linked.') }]} />
      ) : null}
      <Radios
        id="link-kind"
        label="What was involved?"
        value={kind}
        onChange={setKind}
        options={[
          { value: 'HANDOVER', label: 'A handover' },
          { value: 'SIGNAL', label: 'A risk signal' },
        ]}
      />
      <TextInput
        id="link-id"
        label="Its reference"
        hint="From the handover’s or signal’s page."
        value={id}
        onChange={setId}
      />
      <TextInput
        id="link-personId"
        label="The person’s Accord reference"
        hint="You can link only what concerns someone your organisation cares for."
        value={personId}
        onChange={setPersonId}
      />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        Link it
      </button>
    </form>
  );
}

function ActionForm({ incidentId, organisationId }: { incidentId: string; organisationId: string }) {
  const { addAction } = useIncidentReviewMutations(incidentId);
  const staff = useStaffList({ organisationId, pageSize: 100 });
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    addAction.mutate(
      { description, ownerStaffId: owner, dueOn },
      {
        onSuccess: () => {
          setDescription('');
          setDueOn('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <h3>Add an action</h3>
      {addAction.error ? (
        <ErrorSummary errors={[{ message: problemOf(addAction.error, 'The action was not added.') }]} />
      ) : null}
      <TextInput id="action-description" label="Action" value={description} onChange={setDescription} />
      <Select
        id="action-ownerStaffId"
        label="Owner"
        value={owner}
        onChange={setOwner}
        placeholder="Choose the owner"
        options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.displayName }))}
      />
      <TextInput
        id="action-dueOn"
        label="Due by"
        hint="For example, 2027-01-31."
        width={10}
        value={dueOn}
        onChange={setDueOn}
      />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        Add the action
      </button>
    </form>
  );
}

/** The post-incident review: where the flow was weak, what was involved, and the actions. */
export function IncidentReviewPanel({
  incidentId,
  organisationId,
  open,
}: {
  incidentId: string;
  organisationId: string;
  open: boolean;
}) {
  const review = useIncidentReview(incidentId);
  const data = review.data;
  return (
    <section className="accord-section" aria-labelledby="post-incident-review">
      <h2 id="post-incident-review">Post-incident review</h2>
      {review.isPending ? <Loading /> : null}
      {review.isError ? <QueryError error={review.error} /> : null}
      {data ? (
        <>
          <ReviewForm key={data.review?.version ?? 0} incidentId={incidentId} data={data} />
          <h3>Handovers and signals involved</h3>
          {data.links.length === 0 ? (
            <p>None linked yet.</p>
          ) : (
            <ul className="nhsuk-list nhsuk-list--bullet" data-testid="incident-links">
              {data.links.map((l) => (
                <li key={`${l.kind}:${l.id}`}>
                  {l.personId === null ? (
                    `${l.kind === 'HANDOVER' ? 'Handover' : 'Risk signal'}, linked ${formatDate(l.linkedAt)}: withheld, as your organisation may no longer see this person`
                  ) : l.kind === 'HANDOVER' ? (
                    <Link to={`/handovers/${l.id}`}>{`Handover, linked ${formatDate(l.linkedAt)}`}</Link>
                  ) : (
                    <Link
                      to={`/people/${l.personId}/coordination`}
                    >{`Risk signal, linked ${formatDate(l.linkedAt)}`}</Link>
                  )}
                </li>
              ))}
            </ul>
          )}
          <LinkForm incidentId={incidentId} />
          <h3>Actions</h3>
          {data.actions.length > 0 ? (
            <Table
              caption="Incident actions"
              columns={ACTION_COLUMNS}
              rows={data.actions}
              rowKey={(a) => a.id}
            />
          ) : (
            <p>No actions yet.</p>
          )}
          {open ? <ActionForm incidentId={incidentId} organisationId={organisationId} /> : null}
        </>
      ) : null}
    </section>
  );
}
