import { type FormEvent, useState } from 'react';
import type { IncidentAction } from '../../../contracts/incident-review.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Tag } from '../../components/tag.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { ApiError } from '../../lib/api-error.ts';
import { formatDate } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useIncidentReviewMutations, useMyIncidentActions } from './incident-review-api.ts';

function ActionCard({ action }: { action: IncidentAction }) {
  const { complete } = useIncidentReviewMutations();
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    complete.mutate({ actionId: action.id, note });
  };
  const id = `action-${action.id}`;
  return (
    <section className="accord-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{action.description}</h2>
      <p>
        {`From the incident “${action.incidentTitle}”. Due ${formatDate(action.dueOn)}. `}
        {action.overdue ? <Tag colour="red">Overdue</Tag> : null}
      </p>
      {action.can.complete ? (
        <form onSubmit={submit} noValidate>
          {complete.error ? (
            <ErrorSummary
              errors={[
                { message: complete.error instanceof ApiError ? complete.error.detail : 'Not recorded.' },
              ]}
            />
          ) : null}
          <Textarea id={`${id}-note`} label="What was done" value={note} onChange={setNote} rows={3} />
          <button className="nhsuk-button" type="submit">
            Record this action as done
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** The incident actions the caller owns, to record as done. */
export function IncidentActionsPage() {
  usePageTitle('Your incident actions');
  const actions = useMyIncidentActions();
  return (
    <>
      <h1>Your incident actions</h1>
      {actions.isPending ? <Loading /> : null}
      {actions.isError ? <QueryError error={actions.error} /> : null}
      {actions.data?.items.length === 0 ? <p>You have no open incident actions.</p> : null}
      {actions.data?.items.map((a) => (
        <ActionCard key={a.id} action={a} />
      ))}
    </>
  );
}
