import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { ANOMALY_RULES } from '../../../contracts/assurance.ts';
import {
  DPIA_CONTROL_TYPES,
  DPIA_LIKELIHOODS,
  DPIA_SEVERITIES,
  type DpiaInput,
} from '../../../contracts/dpia.ts';
import { DATA_CATEGORIES, STAFF_ROLES } from '../../../contracts/enums.ts';
import { BackLink } from '../../components/back-link.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { ApiError } from '../../lib/api-error.ts';
import { type FormErrors, NO_ERRORS } from '../../lib/form-errors.ts';
import { STAFF_ROLE_LABELS } from '../../lib/labels.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useDpiaMutations } from './dpia-api.ts';
import { CONTROL_LABELS } from './dpia-words.ts';

const lower = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replaceAll('_', ' ');

const TEXT_FIELDS = [
  ['title', 'Title'],
  ['need', 'Why a DPIA is needed'],
  ['description', 'Description of the processing'],
  ['consultation', 'Consultation'],
  ['necessity', 'Necessity and proportionality'],
  ['risk', 'The risk to individuals'],
  ['measure', 'The measure that reduces it'],
] as const;

/** Records a DPIA with one risk and the measure that mitigates it, linked to a control Accord measures. */
export function DpiaNewPage() {
  const navigate = useNavigate();
  const { create } = useDpiaMutations();
  const [v, setV] = useState<Record<string, string>>({ likelihood: 'POSSIBLE', severity: 'SIGNIFICANT' });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Record a DPIA', errors.summary.length > 0);
  const set = (k: string) => (value: string) => setV({ ...v, [k]: value });
  const params = (): Record<string, unknown> => {
    switch (v.control) {
      case 'TIER_EXCLUDES_CATEGORY':
        return { role: v.role ?? '', category: v.category ?? '' };
      case 'TRAINING_COMPLIANCE':
        return { thresholdPercent: Number(v.threshold ?? '') };
      case 'ANOMALY_RULE_ENABLED':
        return { rule: v.rule ?? '' };
      case 'AGREEMENT_ACTIVE':
        return { agreementId: v.agreementId?.trim() ?? '' };
      default:
        return {};
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields: Record<string, string> = {};
    for (const [k, label] of TEXT_FIELDS) if (!v[k]?.trim()) fields[k] = `Enter ${label.toLowerCase()}`;
    if (!v.control) fields.control = 'Select the control this measure relies on';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.reviewDate ?? ''))
      fields.reviewDate = 'Enter the review date, for example 2027-12-01';
    if (Object.keys(fields).length > 0)
      return setErrors({
        summary: Object.entries(fields).map(([k, message]) => ({ message, fieldId: `dpia-${k}` })),
        fields,
      });
    setErrors(NO_ERRORS);
    const input: DpiaInput = {
      title: v.title ?? '',
      need: v.need ?? '',
      description: v.description ?? '',
      consultation: v.consultation ?? '',
      necessity: v.necessity ?? '',
      risks: [
        {
          description: v.risk ?? '',
          likelihood: v.likelihood as DpiaInput['risks'][number]['likelihood'],
          severity: v.severity as DpiaInput['risks'][number]['severity'],
        },
      ],
      mitigations: [
        {
          risk: 0,
          measure: v.measure ?? '',
          effect: 'REDUCED',
          residual: 'LOW',
          control: { type: v.control ?? '', params: params() },
        },
      ],
      reviewDate: v.reviewDate ?? '',
    };
    create.mutate(input, {
      onSuccess: (dpia) => navigate(`/dpias/${dpia.id}`),
      onError: (error) =>
        setErrors({
          summary:
            error instanceof ApiError && error.fieldErrors.length > 0
              ? error.fieldErrors.map((f) => ({ message: `${f.field.replace(/^body\./, '')} ${f.message}` }))
              : [{ message: error instanceof ApiError ? error.detail : 'The DPIA could not be recorded.' }],
          fields: {},
        }),
    });
  };
  return (
    <>
      <BackLink to="/dpias">All DPIAs</BackLink>
      <h1>Record a DPIA</h1>
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors.summary} />
        <TextInput
          id="dpia-title"
          label="Title"
          value={v.title ?? ''}
          onChange={set('title')}
          error={errors.fields.title}
        />
        {TEXT_FIELDS.slice(1, 5).map(([k, label]) => (
          <Textarea
            key={k}
            id={`dpia-${k}`}
            label={label}
            value={v[k] ?? ''}
            onChange={set(k)}
            error={errors.fields[k]}
          />
        ))}
        <h2>Risk</h2>
        <Textarea
          id="dpia-risk"
          label="The risk to individuals"
          value={v.risk ?? ''}
          onChange={set('risk')}
          error={errors.fields.risk}
          rows={3}
        />
        <Select
          id="dpia-likelihood"
          label="Likelihood of harm"
          value={v.likelihood ?? ''}
          onChange={set('likelihood')}
          options={DPIA_LIKELIHOODS.map((l) => ({ value: l, label: lower(l) }))}
        />
        <Select
          id="dpia-severity"
          label="Severity of harm"
          value={v.severity ?? ''}
          onChange={set('severity')}
          options={DPIA_SEVERITIES.map((s) => ({ value: s, label: lower(s) }))}
        />
        <h2>Measure</h2>
        <Textarea
          id="dpia-measure"
          label="The measure that reduces it"
          value={v.measure ?? ''}
          onChange={set('measure')}
          error={errors.fields.measure}
          rows={3}
        />
        <Select
          id="dpia-control"
          label="The control Accord checks for this measure"
          value={v.control ?? ''}
          onChange={set('control')}
          placeholder="Choose a control"
          error={errors.fields.control}
          options={DPIA_CONTROL_TYPES.map((c) => ({ value: c, label: CONTROL_LABELS[c] }))}
        />
        {v.control === 'TIER_EXCLUDES_CATEGORY' ? (
          <>
            <Select
              id="dpia-role"
              label="Role"
              value={v.role ?? ''}
              onChange={set('role')}
              placeholder="Choose a role"
              options={STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }))}
            />
            <Select
              id="dpia-category"
              label="Category kept from it"
              value={v.category ?? ''}
              onChange={set('category')}
              placeholder="Choose a category"
              options={DATA_CATEGORIES.map((c) => ({ value: c, label: lower(c) }))}
            />
          </>
        ) : null}
        {v.control === 'TRAINING_COMPLIANCE' ? (
          <TextInput
            id="dpia-threshold"
            label="Threshold, per cent of active staff with current IG training"
            width={4}
            value={v.threshold ?? ''}
            onChange={set('threshold')}
          />
        ) : null}
        {v.control === 'ANOMALY_RULE_ENABLED' ? (
          <Select
            id="dpia-rule"
            label="Anomaly rule"
            value={v.rule ?? ''}
            onChange={set('rule')}
            placeholder="Choose a rule"
            options={ANOMALY_RULES.map((r) => ({ value: r, label: lower(r) }))}
          />
        ) : null}
        {v.control === 'AGREEMENT_ACTIVE' ? (
          <TextInput
            id="dpia-agreementId"
            label="Agreement identifier"
            value={v.agreementId ?? ''}
            onChange={set('agreementId')}
          />
        ) : null}
        <TextInput
          id="dpia-reviewDate"
          label="Review date"
          hint="For example, 2027-12-01."
          width={10}
          value={v.reviewDate ?? ''}
          onChange={set('reviewDate')}
          error={errors.fields.reviewDate}
        />
        <button className="nhsuk-button" type="submit">
          {create.isPending ? 'Saving…' : 'Record the DPIA'}
        </button>
      </form>
    </>
  );
}
