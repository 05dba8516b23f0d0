import { type FormEvent, useState } from 'react';
import type { AnomalyRule, AnomalySetting, AnomalySettingsUpdate } from '../../../contracts/assurance.ts';
import { STAFF_ROLES } from '../../../contracts/enums.ts';
import { Checkboxes } from '../../components/choice-group.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { ApiError } from '../../lib/api-error.ts';
import type { FormErrors } from '../../lib/form-errors.ts';
import { ANOMALY_RULE_LABELS } from '../../lib/governance-labels.ts';
import { STAFF_ROLE_LABELS } from '../../lib/labels.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useAnomalySettings, useUpdateAnomalySettings } from './assurance-api.ts';
import { AssuranceNav } from './assurance-nav.tsx';

type Value = number | boolean | string[];
type Draft = Record<string, { enabled: boolean; thresholds: Record<string, Value> }>;

const THRESHOLD_LABELS: Readonly<Record<string, string>> = {
  minimumPeople: 'Fewest people outside their caseload in a day that raise a case',
  multiplier: 'Times their usual daily number',
  minimum: 'Fewest records in a day that can raise a case',
  baselineDays: 'Days their usual number is worked out over',
  startHour: 'Out of hours starts at (hour, 0 to 23)',
  endHour: 'Out of hours ends at (hour, 0 to 23)',
  weekends: 'Weekends count as out of hours',
  exemptRoles: 'Roles that work out of hours (not flagged)',
  minimumReads: 'Fewest out-of-hours records that raise a case',
  count: 'Emergency accesses that raise a case',
  days: 'Within this many days',
  withinHours: 'Within this many hours of the emergency access',
  matchEmail: 'Match people to staff by email address',
  matchName: 'Match people to staff by name and date of birth',
  exemptNamedCareTeam: 'Not when the staff member is named on the person’s care team',
};

const fieldId = (rule: string, key: string) => `anomaly-${rule}-${key}`;

function errorsFrom(error: unknown): FormErrors {
  if (!(error instanceof ApiError))
    return { summary: [{ message: 'The settings could not be saved.' }], fields: {} };
  const fields: Record<string, string> = {};
  const summary = error.fieldErrors.map((f) => {
    const [, rule = '', , key = 'enabled'] = f.field.split('.');
    const message = `${ANOMALY_RULE_LABELS[rule as AnomalyRule] ?? rule}: ${(THRESHOLD_LABELS[key] ?? key).toLowerCase()} ${f.message}`;
    fields[fieldId(rule, key)] = message;
    return { message, fieldId: fieldId(rule, key) };
  });
  // A refusal by the authority says why (anomaly rules are partnership-wide settings).
  const reasons = error.reasons.map((r) => ({ message: r.message }));
  return { summary: summary.length > 0 ? summary : [{ message: error.detail }, ...reasons], fields };
}

function RuleFields({
  setting,
  draft,
  setDraft,
  errors,
}: {
  setting: AnomalySetting;
  draft: Draft;
  setDraft: (d: Draft) => void;
  errors: Record<string, string>;
}) {
  const rule = setting.rule;
  const current = draft[rule] ?? { enabled: setting.enabled, thresholds: { ...setting.thresholds } };
  const put = (patch: Partial<typeof current>) => setDraft({ ...draft, [rule]: { ...current, ...patch } });
  const setThreshold = (key: string, value: Value) =>
    put({ thresholds: { ...current.thresholds, [key]: value } });
  return (
    <fieldset className="nhsuk-fieldset accord-rule">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
        {ANOMALY_RULE_LABELS[rule]}
      </legend>
      <Checkboxes
        id={fieldId(rule, 'enabled')}
        label="Rule"
        small
        values={current.enabled ? ['on'] : []}
        onChange={(v) => put({ enabled: v.includes('on') })}
        options={[{ value: 'on', label: 'Check for this' }]}
      />
      {Object.entries(current.thresholds).map(([key, value]) => {
        const id = fieldId(rule, key);
        const label = THRESHOLD_LABELS[key] ?? key;
        if (typeof value === 'boolean')
          return (
            <Checkboxes
              key={key}
              id={id}
              label={label}
              small
              values={value ? ['yes'] : []}
              error={errors[id]}
              onChange={(v) => setThreshold(key, v.includes('yes'))}
              options={[{ value: 'yes', label: 'Yes' }]}
            />
          );
        if (Array.isArray(value))
          return (
            <Checkboxes
              key={key}
              id={id}
              label={label}
              small
              values={value}
              error={errors[id]}
              onChange={(v) => setThreshold(key, v)}
              options={STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }))}
            />
          );
        return (
          <TextInput
            key={key}
            id={id}
            label={label}
            inputMode="decimal"
            width={5}
            value={String(value)}
            error={errors[id]}
            onChange={(v) => setThreshold(key, v.trim() === '' ? Number.NaN : Number(v))}
          />
        );
      })}
    </fieldset>
  );
}

/** IG leads tune the anomaly rules: which run, and the thresholds that raise a case. */
export function AnomalySettingsPage() {
  const settings = useAnomalySettings();
  const update = useUpdateAnomalySettings();
  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<FormErrors>({ summary: [], fields: {} });
  usePageTitle('Anomaly settings', errors.summary.length > 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(draft).length === 0)
      return setErrors({ summary: [{ message: 'Change a setting before saving' }], fields: {} });
    // Each rule's schema checks its own thresholds on the server; the form sends the rules that changed.
    update.mutate(draft as AnomalySettingsUpdate, {
      onSuccess: () => {
        setDraft({});
        setErrors({ summary: [], fields: {} });
      },
      onError: (error) => setErrors(errorsFrom(error)),
    });
  };
  return (
    <>
      <AssuranceNav />
      <ErrorSummary errors={errors.summary} />
      <h1>Anomaly settings</h1>
      <p>These rules look through the audit log each night and open an investigation case when one fires.</p>
      <p className="nhsuk-hint">
        The rules apply across the partnership: the partnership governance lead changes them, or the IG leads
        of the organisations sharing information agree a change together.
      </p>
      {settings.isPending ? <Loading /> : null}
      {settings.isError ? <QueryError error={settings.error} /> : null}
      {update.isSuccess && Object.keys(draft).length === 0 ? (
        <p className="accord-confirmation" role="status">
          Settings saved.
        </p>
      ) : null}
      {settings.data ? (
        <form onSubmit={submit} noValidate>
          {settings.data.map((s) => (
            <RuleFields key={s.rule} setting={s} draft={draft} setDraft={setDraft} errors={errors.fields} />
          ))}
          <button className="nhsuk-button" type="submit">
            {update.isPending ? 'Saving…' : 'Save settings'}
          </button>
        </form>
      ) : null}
    </>
  );
}
