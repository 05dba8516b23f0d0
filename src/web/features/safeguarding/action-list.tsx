import { type FormEvent, useState } from 'react';
import type { ProtectiveAction } from '../../../contracts/safeguarding.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Tag } from '../../components/tag.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useCompleteAction } from './safeguarding-api.ts';

function Status({ action }: { action: ProtectiveAction }) {
  if (action.status === 'done') return <Tag colour="green">Done</Tag>;
  return action.overdue ? <Tag colour="red">Overdue</Tag> : <Tag colour="blue">Open</Tag>;
}

/** Closing an action the caller owns: what was done, then the button. */
function CloseAction({ personId, action }: { personId: string; action: ProtectiveAction }) {
  const [outcome, setOutcome] = useState('');
  const [errors, setErrors] = useState(NO_ERRORS);
  const complete = useCompleteAction(personId);
  const id = `close-${action.id}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    complete.mutate(
      { actionId: action.id, outcome },
      { onError: (error) => setErrors(formErrorsFrom(error, { outcome: 'What was done' }, id)) },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Close: ${action.description}`}>
      <ErrorSummary errors={errors.summary} />
      <Textarea
        id={`${id}-outcome`}
        label="What was done"
        rows={2}
        value={outcome}
        error={errors.fields.outcome}
        onChange={setOutcome}
      />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={complete.isPending}>
        Close action
      </button>
    </form>
  );
}

/** Protective actions with owners and due dates; the owner may close each of theirs. */
export function ActionList({
  personId,
  actions,
  headingId,
}: {
  personId: string;
  actions: readonly ProtectiveAction[];
  headingId: string;
}) {
  if (actions.length === 0) return <p>No protective actions.</p>;
  return (
    <ul className="nhsuk-list" aria-labelledby={headingId}>
      {actions.map((a) => (
        <li key={a.id} className="accord-action">
          <p className="nhsuk-u-margin-bottom-1">
            <strong>{a.description}</strong> <Status action={a} />
          </p>
          <p className="nhsuk-body-s">
            Owner: {a.ownerName}. Due {formatDate(a.dueDate)}.
            {a.status === 'done' && a.outcome ? ` Done: ${a.outcome}` : ''}
          </p>
          {a.can.complete ? <CloseAction personId={personId} action={a} /> : null}
        </li>
      ))}
    </ul>
  );
}
