import { type FormEvent, useState } from 'react';
import type { HandoverDto } from '../../../contracts/exchange.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { ApiError } from '../../lib/api-error.ts';
import type { SummaryError } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useMe } from '../auth/use-me.ts';
import { useCloseAction, useResolveMissing } from './exchange-api.ts';

const failed = (e: unknown): SummaryError[] => [
  { message: e instanceof ApiError ? e.detail : 'Something went wrong. Try again.' },
];

/**
 * The sender, or the service manager the gap was escalated to, supplies the missing fields or
 * records why they cannot be supplied; the escalation then leaves their worklist.
 */
export function ResolveMissingForm({ h }: { h: HandoverDto }) {
  const me = useMe();
  const resolve = useResolveMissing(h.id);
  const [values, setValues] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const open = h.escalations.find((e) => e.reason === 'INFORMATION_MISSING' && e.resolvedAt === null);
  const myId = me.data?.id;
  if (!open || !myId || (myId !== h.senderStaffId && myId !== open.toStaffId)) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
    resolve.mutate(
      { fields, ...(reason.trim() ? { reason } : {}) },
      { onSuccess: () => setErrors([]), onError: (e) => setErrors(failed(e)) },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      {errors.length > 0 ? <ErrorSummary errors={errors} /> : null}
      <h2>Resolve the missing information</h2>
      <p>Supply what was missing, or record why it cannot be supplied.</p>
      {h.missingFields.map((key) => (
        <Textarea
          key={key}
          id={`missing-${key}`}
          label={h.fields.find((f) => f.key === key)?.label ?? key}
          rows={2}
          value={values[key] ?? ''}
          onChange={(v) => setValues((old) => ({ ...old, [key]: v }))}
        />
      ))}
      <Textarea
        id="missing-reason"
        label="Why anything left empty cannot be supplied"
        hint="Needed unless every missing field is supplied."
        rows={2}
        value={reason}
        onChange={setReason}
      />
      <button className="nhsuk-button" type="submit" disabled={resolve.isPending}>
        Resolve
      </button>
    </form>
  );
}

/** The caller's own open tasks from this handover, each closable with a note of what was done. */
export function MyTasks({ h }: { h: HandoverDto }) {
  const me = useMe();
  const close = useCloseAction(h.id);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const mine = h.actions.filter((a) => a.ownerStaffId === me.data?.id && a.status === 'open');
  if (mine.length === 0) return null;
  return (
    <section aria-labelledby="my-tasks">
      <h2 id="my-tasks">Your tasks from this handover</h2>
      {errors.length > 0 ? <ErrorSummary errors={errors} /> : null}
      <p>Each task is listed under Actions above.</p>
      {mine.map((a, i) => (
        <form
          key={a.id}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            close.mutate(
              { id: a.id, note: notes[a.id] ?? '' },
              { onSuccess: () => setErrors([]), onError: (e) => setErrors(failed(e)) },
            );
          }}
        >
          <Textarea
            id={`task-${a.id}`}
            label={`What was done for task ${h.actions.indexOf(a) + 1}${a.dueAt ? ` (due ${formatDateTime(a.dueAt)})` : ''}`}
            rows={2}
            value={notes[a.id] ?? ''}
            onChange={(v) => setNotes((old) => ({ ...old, [a.id]: v }))}
          />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={close.isPending}>
            Close task {i === 0 && mine.length === 1 ? '' : h.actions.indexOf(a) + 1}
          </button>
        </form>
      ))}
    </section>
  );
}
