import { type FormEvent, useState } from 'react';
import type { ConsentReviewTrigger } from '../../../contracts/consent.ts';
import { Select } from '../../components/select.tsx';
import { REVIEW_TRIGGER_LABELS } from '../../lib/governance-labels.ts';
import { useConsentMutations } from './consent-api.ts';

/** The events a practitioner records by hand (the contract's EXPLICIT_REVIEW_TRIGGERS). */
const EXPLICIT: readonly ConsentReviewTrigger[] = [
  'HOSPITAL_ADMISSION',
  'DISCHARGE_PLANNING',
  'TRANSITION_BETWEEN_SETTINGS',
  'CHANGE_OF_SERVICE',
];

/** Records an event that calls for the person's consent to be reviewed with them. */
export function ReviewTriggerForm({ personId }: { personId: string }) {
  const { raiseReview } = useConsentMutations(personId);
  const [trigger, setTrigger] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!trigger) return setError('Choose what happened');
    setError(undefined);
    raiseReview.mutate(trigger, { onError: (e) => setError(e.message) });
  };
  return (
    <form className="accord-filter" onSubmit={submit} noValidate>
      <Select
        id="review-trigger"
        label="Something happened that calls for a review"
        value={trigger}
        onChange={setTrigger}
        error={error}
        placeholder="Choose what happened"
        options={EXPLICIT.map((t) => ({ value: t, label: REVIEW_TRIGGER_LABELS[t] }))}
      />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        {raiseReview.isPending ? 'Recording…' : 'Ask for a review'}
      </button>
      {raiseReview.isSuccess ? (
        <p className="nhsuk-body-s" role="status">
          A consent review was added to the care coordinator’s list.
        </p>
      ) : null}
    </form>
  );
}
