import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  INTERIM_AUTHORITIES,
  type InterimDecisionDto,
  type InterimDecisionInput,
} from '../../../contracts/exchange.ts';
import { Radios } from '../../components/choice-group.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { api } from '../../lib/api.ts';
import { ApiError } from '../../lib/api-error.ts';
import type { SummaryError } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useMe } from '../auth/use-me.ts';

const AUTHORITY_LABELS: Readonly<Record<(typeof INTERIM_AUTHORITIES)[number], string>> = {
  DUTY_INTERIM_AUTHORITY: 'Duty worker’s interim authority',
  CLINICAL_JUDGEMENT: 'Clinical judgement',
  MENTAL_HEALTH_ACT: 'Mental Health Act',
  SAFEGUARDING_DUTY: 'Safeguarding duty',
};

/** A duty worker records an interim decision; the care coordinator receives it next working day. */
export function InterimDecisionForm({ personId }: { personId: string }) {
  const me = useMe();
  const [authority, setAuthority] = useState('');
  const [decision, setDecision] = useState('');
  const [rationale, setRationale] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const record = useMutation({
    mutationFn: (input: InterimDecisionInput) =>
      api.post<InterimDecisionDto>(`/people/${personId}/interim-decisions`, input),
  });
  if (!me.data?.roles.includes('duty')) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local: SummaryError[] = [];
    if (!authority)
      local.push({ message: 'Choose the authority you acted under', fieldId: 'interim-authority' });
    if (!decision.trim()) local.push({ message: 'Say what you decided', fieldId: 'interim-decision' });
    if (!rationale.trim()) local.push({ message: 'Say why', fieldId: 'interim-rationale' });
    setErrors(local);
    if (local.length > 0) return;
    record.mutate(
      { authority: authority as InterimDecisionInput['authority'], decision, rationale },
      {
        onError: (e) =>
          setErrors([{ message: e instanceof ApiError ? e.detail : 'Something went wrong. Try again.' }]),
      },
    );
  };
  return (
    <section className="accord-no-print" aria-labelledby="interim">
      <h2 id="interim">Record an interim decision</h2>
      {record.data ? (
        <p role="status">
          Recorded. The care coordinator receives it as a handover on {formatDateTime(record.data.deliverAt)}.
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          {errors.length > 0 ? <ErrorSummary errors={errors} /> : null}
          <Radios
            id="interim-authority"
            label="Authority you acted under"
            value={authority}
            onChange={setAuthority}
            options={INTERIM_AUTHORITIES.map((a) => ({ value: a, label: AUTHORITY_LABELS[a] }))}
          />
          <Textarea
            id="interim-decision"
            label="What you decided"
            rows={3}
            value={decision}
            onChange={setDecision}
          />
          <Textarea id="interim-rationale" label="Why" rows={3} value={rationale} onChange={setRationale} />
          <button className="nhsuk-button" type="submit" disabled={record.isPending}>
            Record interim decision
          </button>
        </form>
      )}
    </section>
  );
}
