import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { OUTCOME_MEASURE_KEYS, OUTCOME_MEASURES, type ReviewDto } from '../../../contracts/reporting.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { ApiError } from '../../lib/api-error.ts';
import type { SummaryError } from '../../lib/form-errors.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useRecordReview, useReviews } from './reporting-api.ts';

const totals = (r: ReviewDto) =>
  OUTCOME_MEASURE_KEYS.flatMap((m) => {
    const scores = r.scores.filter((s) => s.measure === m);
    return scores.length === 0
      ? []
      : [
          `${OUTCOME_MEASURES[m].label} ${scores.reduce((sum, s) => sum + s.score, 0)} (${scores.length} items)`,
        ];
  }).join('; ') || 'None recorded';

const COLUMNS: readonly Column<ReviewDto>[] = [
  { header: 'Due', cell: (r) => r.dueOn, nowrap: true },
  { header: 'Held', cell: (r) => r.heldOn ?? 'Not yet held', nowrap: true },
  { header: 'Outcome scores', cell: totals },
];

const scoreId = (measure: string, item: number) => `score-${measure}-${item}`;

/** Where the server's field name points in this form. */
function fieldIdOf(field: string, scores: readonly { measure: string; item: number }[]): string | undefined {
  if (field === 'body.dueOn') return 'review-due';
  if (field === 'body.heldOn') return 'review-held';
  const match = /^body\.scores\.(\d+)\./.exec(field);
  const s = match ? scores[Number(match[1])] : undefined;
  return s ? scoreId(s.measure, s.item) : undefined;
}

function ReviewForm({ personId }: { personId: string }) {
  const record = useRecordReview(personId);
  const [dueOn, setDueOn] = useState('');
  const [heldOn, setHeldOn] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const scores = OUTCOME_MEASURE_KEYS.flatMap((measure) =>
      OUTCOME_MEASURES[measure].codes.flatMap((_, i) => {
        const raw = values[scoreId(measure, i + 1)]?.trim() ?? '';
        return raw === '' ? [] : [{ measure, item: i + 1, score: Number(raw) }];
      }),
    );
    record.mutate(
      { dueOn, ...(heldOn ? { heldOn } : {}), scores },
      {
        onSuccess: () => {
          setErrors([]);
          setFieldErrors({});
          setValues({});
          setSaved(true);
        },
        onError: (error) => {
          if (!(error instanceof ApiError)) {
            setErrors([{ message: 'Something went wrong. Try again.' }]);
            return;
          }
          const byField: Record<string, string> = {};
          const summary = error.fieldErrors.map((fe) => {
            const fieldId = fieldIdOf(fe.field, scores);
            if (fieldId) byField[fieldId] = fe.message;
            return fieldId ? { message: `${fe.message}`, fieldId } : { message: fe.message };
          });
          setFieldErrors(byField);
          setErrors(summary.length > 0 ? summary : [{ message: error.detail }]);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} />
      {saved ? (
        <div className="nhsuk-inset-text" role="status">
          <p>Review recorded.</p>
        </div>
      ) : null}
      <TextInput
        id="review-due"
        label="Date the review was due"
        type="date"
        value={dueOn}
        onChange={setDueOn}
        error={fieldErrors['review-due']}
      />
      <TextInput
        id="review-held"
        label="Date the review was held"
        hint="Leave empty for a review planned but not yet held. Scores need a held date."
        type="date"
        value={heldOn}
        onChange={setHeldOn}
        error={fieldErrors['review-held']}
      />
      {OUTCOME_MEASURE_KEYS.map((measure) => {
        const m = OUTCOME_MEASURES[measure];
        return (
          <fieldset className="nhsuk-fieldset" key={measure}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
              {m.label}: each item {m.min} to {m.max}
            </legend>
            {m.codes.map((code, i) => {
              const id = scoreId(measure, i + 1);
              return (
                <TextInput
                  key={code}
                  id={id}
                  label={m.codes.length === 1 ? `${m.label} total` : `${m.label} item ${i + 1}`}
                  hint={`SNOMED CT ${code}`}
                  inputMode="numeric"
                  width={3}
                  value={values[id] ?? ''}
                  onChange={(v) => setValues((old) => ({ ...old, [id]: v }))}
                  error={fieldErrors[id]}
                />
              );
            })}
          </fieldset>
        );
      })}
      <button className="nhsuk-button" type="submit" disabled={record.isPending}>
        Record review
      </button>
    </form>
  );
}

/** A person's care-plan reviews, and a form to record one with its outcome scores. */
export function ReviewsPage() {
  const { personId = '' } = useParams();
  const reviews = useReviews(personId);
  usePageTitle('Care-plan reviews');
  if (reviews.isPending) return <Loading />;
  if (reviews.error) return <QueryError error={reviews.error} />;
  return (
    <>
      <h1>Care-plan reviews</h1>
      {reviews.data.length === 0 ? (
        <p>No reviews recorded yet.</p>
      ) : (
        <Table
          caption="Reviews of this person’s care plan"
          columns={COLUMNS}
          rows={reviews.data}
          rowKey={(r) => r.id}
        />
      )}
      <h2>Record a review</h2>
      <ReviewForm personId={personId} />
    </>
  );
}
