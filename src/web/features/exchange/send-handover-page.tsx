import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { PURPOSES, type Purpose } from '../../../contracts/enums.ts';
import {
  HANDOVER_ROUTES,
  type HandoverDraft,
  type HandoverRoute,
  type TemplateKey,
} from '../../../contracts/exchange.ts';
import { Checkboxes, Radios } from '../../components/choice-group.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Select } from '../../components/select.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { ApiError } from '../../lib/api-error.ts';
import type { SummaryError } from '../../lib/form-errors.ts';
import { PURPOSE_LABELS } from '../../lib/legal-labels.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useOrganisations, useStaffList } from '../directory/directory-api.ts';
import { CopyView } from './copy-view.tsx';
import { usePrefill, usePreview, useSendHandover, useTemplates } from './exchange-api.ts';
import { ROUTE_LABELS, TEMPLATE_LABELS } from './exchange-words.ts';

const ID = 'handover';

/** Sends a handover, with a live preview of exactly the copy the recipient will get. */
export function SendHandoverPage() {
  const { personId = '' } = useParams();
  const navigate = useNavigate();
  const templates = useTemplates();
  const organisations = useOrganisations();
  const [template, setTemplate] = useState<TemplateKey | ''>('');
  const [organisationId, setOrganisationId] = useState('');
  const [staffId, setStaffId] = useState('');
  const [purpose, setPurpose] = useState<Purpose>('DIRECT_CARE');
  const [route, setRoute] = useState<HandoverRoute>('ACCORD');
  const [values, setValues] = useState<Record<string, string>>({});
  const [sources, setSources] = useState<Record<string, string>>({});
  const [missingOk, setMissingOk] = useState<string[]>([]);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const staff = useStaffList({ organisationId, pageSize: 100 }, organisationId !== '');
  const preview = usePreview();
  const prefill = usePrefill();
  // The sender asks for what the record holds; it fills only empty fields, never over what they typed.
  const fillFromRecord = () => {
    if (!template) return;
    prefill.mutate(
      { personId, template },
      {
        onSuccess: (data) => {
          const fill = data.fields.filter((f) => (values[f.key] ?? '').trim() === '');
          setValues((old) => ({ ...old, ...Object.fromEntries(fill.map((f) => [f.key, f.value])) }));
          setSources((old) => ({
            ...old,
            ...Object.fromEntries(fill.map((f) => [f.key, f.source.entryId])),
          }));
        },
      },
    );
  };
  const sourceOf = (key: string) =>
    prefill.data?.fields.find((f) => f.key === key && sources[key] === f.source.entryId);
  const send = useSendHandover();
  usePageTitle('Send a handover', errors.length > 0);
  const current = templates.data?.find((t) => t.key === template);

  const draft: HandoverDraft | null = useMemo(
    () =>
      current && organisationId && staffId
        ? {
            personId,
            template: current.key,
            recipient: { organisationId, staffId },
            purpose,
            route,
            fields: Object.fromEntries(
              Object.entries(values).filter(([k]) => current.fields.some((f) => f.key === k)),
            ),
            sources: Object.fromEntries(
              Object.entries(sources).filter(([k]) => current.fields.some((f) => f.key === k)),
            ),
            informationMissing: missingOk.length > 0,
          }
        : null,
    [current, organisationId, staffId, personId, purpose, route, values, sources, missingOk],
  );
  const previewMutate = preview.mutate;
  useEffect(() => {
    if (!draft) return;
    const timer = setTimeout(() => previewMutate(draft), 400);
    return () => clearTimeout(timer);
  }, [draft, previewMutate]);

  if (templates.isPending || organisations.isPending) return <Loading />;
  if (templates.error) return <QueryError error={templates.error} />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local: SummaryError[] = [];
    const inline: Record<string, string> = {};
    if (!current) local.push({ message: 'Select a template', fieldId: `${ID}-template` });
    if (!organisationId)
      local.push({ message: 'Select the recipient organisation', fieldId: `${ID}-organisation` });
    else if (!staffId) local.push({ message: 'Select who leads for the recipient', fieldId: `${ID}-staff` });
    if (local.length > 0 || !draft) {
      setErrors(local);
      setFieldErrors(inline);
      return;
    }
    send.mutate(draft, {
      onSuccess: (h) => navigate(`/handovers/${h.id}`),
      onError: (error) => {
        const summary: SummaryError[] = [];
        const fields: Record<string, string> = {};
        if (error instanceof ApiError) {
          for (const fe of error.fieldErrors) {
            const key = fe.field.startsWith('body.fields.') ? fe.field.slice('body.fields.'.length) : null;
            const label = current?.fields.find((f) => f.key === key)?.label;
            if (key && label) {
              fields[key] = `${label} ${fe.message}`;
              summary.push({ message: fields[key], fieldId: `${ID}-field-${key}` });
            } else summary.push({ message: fe.message.replace(/^[A-Z_]+: /, '') });
          }
          if (summary.length === 0) summary.push({ message: error.detail });
        } else summary.push({ message: 'Something went wrong. Try again.' });
        setErrors(summary);
        setFieldErrors(fields);
      },
    });
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {errors.length > 0 ? <ErrorSummary errors={errors} /> : null}
        <h1>Send a handover</h1>
        <form onSubmit={submit} noValidate>
          <Select
            id={`${ID}-template`}
            label="Template"
            value={template}
            onChange={(v) => setTemplate(v as TemplateKey)}
            placeholder="Choose a template"
            options={(templates.data ?? []).map((t) => ({ value: t.key, label: TEMPLATE_LABELS[t.key] }))}
          />
          <Select
            id={`${ID}-organisation`}
            label="Recipient organisation"
            value={organisationId}
            onChange={(v) => {
              setOrganisationId(v);
              setStaffId('');
            }}
            placeholder="Choose an organisation"
            options={(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
          {organisationId ? (
            <Select
              id={`${ID}-staff`}
              label="Named lead at the recipient"
              hint="They acknowledge the handover and own what follows."
              value={staffId}
              onChange={setStaffId}
              placeholder="Choose a member of staff"
              options={(staff.data?.items ?? [])
                .filter((s) => s.active)
                .map((s) => ({ value: s.id, label: `${s.displayName}, ${s.jobTitle}` }))}
            />
          ) : null}
          <Select
            id={`${ID}-purpose`}
            label="Purpose"
            value={purpose}
            onChange={(v) => setPurpose(v as Purpose)}
            options={PURPOSES.filter((p) => p !== 'COMMISSIONING' && p !== 'AUDIT').map((p) => ({
              value: p,
              label: PURPOSE_LABELS[p],
            }))}
          />
          <Radios
            id={`${ID}-route`}
            label="How it will travel"
            small
            value={route}
            onChange={(v) => setRoute(v as HandoverRoute)}
            options={HANDOVER_ROUTES.map((r) => ({ value: r, label: ROUTE_LABELS[r] }))}
          />
          {current ? (
            <div>
              <p className="nhsuk-body-s">
                Empty fields can be filled from what the record holds and you may see. Each stays editable,
                and is shared only as the agreements of the organisation that recorded it allow.
              </p>
              <button
                className="nhsuk-button nhsuk-button--secondary"
                type="button"
                onClick={fillFromRecord}
                disabled={prefill.isPending}
              >
                Fill from the record
              </button>
              {prefill.data ? (
                <p className="nhsuk-body-s" role="status">
                  {prefill.data.fields.length === 0
                    ? 'The record holds nothing you may see for these fields.'
                    : `Filled ${prefill.data.fields.length} field(s) from the record.`}
                </p>
              ) : null}
            </div>
          ) : null}
          {current?.fields.map((f) => (
            <Textarea
              key={f.key}
              id={`${ID}-field-${f.key}`}
              label={`${f.label}${f.required ? '' : ' (optional)'}`}
              hint={(() => {
                const from = sourceOf(f.key)?.source;
                return from
                  ? `${f.help} Filled from the record: “${from.title}” (${from.organisationName}, ${from.recordedAt.slice(0, 10)}). You can change it.`
                  : f.help;
              })()}
              rows={3}
              error={fieldErrors[f.key]}
              value={values[f.key] ?? ''}
              onChange={(v) => setValues((old) => ({ ...old, [f.key]: v }))}
            />
          ))}
          {current ? (
            <Checkboxes
              id={`${ID}-missing`}
              label="If something required is not known"
              small
              values={missingOk}
              onChange={setMissingOk}
              options={[
                {
                  value: 'yes',
                  label: 'Send marked “information missing” (your service manager is told)',
                },
              ]}
            />
          ) : null}
          <button className="nhsuk-button" type="submit" disabled={send.isPending}>
            {send.isPending ? 'Sending…' : 'Send handover'}
          </button>
        </form>
      </div>
      <div className="nhsuk-grid-column-one-third">
        <section aria-labelledby="preview-heading" className="accord-preview">
          <h2 id="preview-heading" className="nhsuk-heading-s">
            What the recipient will get
          </h2>
          {!draft ? (
            <p className="nhsuk-body-s">Choose a template and a recipient to see their copy.</p>
          ) : preview.data ? (
            <CopyView fields={preview.data.fields} />
          ) : preview.error instanceof ApiError ? (
            <p className="nhsuk-body-s">
              {preview.error.fieldErrors.map((e) => e.message.replace(/^[A-Z_]+: /, '')).join(' ') ||
                preview.error.detail}
            </p>
          ) : (
            <p className="nhsuk-body-s">Working out their copy…</p>
          )}
        </section>
      </div>
    </div>
  );
}
