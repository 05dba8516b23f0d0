import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Dpia } from '../../../contracts/dpia.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Radios } from '../../components/choice-group.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { FlashBanner } from '../../components/flash-banner.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { SummaryList } from '../../components/summary-list.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { ApiError } from '../../lib/api-error.ts';
import { type FormErrors, NO_ERRORS } from '../../lib/form-errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useDpia, useDpiaMutations } from './dpia-api.ts';
import { CONTROL_LABELS, LEVEL_COLOUR } from './dpia-words.ts';

type Risk = Dpia['risks'][number];
type Mitigation = Dpia['mitigations'][number];

const RISK_COLUMNS: readonly Column<Risk>[] = [
  { header: 'Risk', cell: (r) => `${r.index + 1}. ${r.description}` },
  { header: 'Likelihood', cell: (r) => r.likelihood.toLowerCase() },
  { header: 'Severity', cell: (r) => r.severity.toLowerCase() },
  { header: 'Overall', cell: (r) => <Tag colour={LEVEL_COLOUR[r.overall]}>{r.overall.toLowerCase()}</Tag> },
];

const MITIGATION_COLUMNS: readonly Column<Mitigation>[] = [
  { header: 'Risk', cell: (m) => String(m.risk + 1) },
  { header: 'Measure', cell: (m) => m.measure },
  {
    header: 'Control',
    cell: (m) => (
      <>
        {CONTROL_LABELS[m.control.type]}
        <br />
        <span className="nhsuk-body-s accord-muted">{m.state.detail}</span>
      </>
    ),
  },
  {
    header: 'State now',
    cell: (m) =>
      m.state.inPlace ? <Tag colour="green">In place</Tag> : <Tag colour="red">Not in place</Tag>,
  },
  { header: 'Residual risk', cell: (m) => m.residual.toLowerCase() },
];

/** The DPO's sign-off; the server refuses anyone who is not the organisation's DPO. */
function SignOffForm({ dpia }: { dpia: Dpia }) {
  const { signOff } = useDpiaMutations(dpia.id);
  const [advice, setAdvice] = useState('');
  const [accepted, setAccepted] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!advice.trim()) fields.advice = 'Enter the DPO’s advice';
    if (accepted !== 'yes' && accepted !== 'no') fields.accepted = 'Select whether the advice was accepted';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(next)) fields.next = 'Enter the next review date, for example 2027-12-01';
    if (Object.keys(fields).length > 0)
      return setErrors({
        summary: Object.entries(fields).map(([k, message]) => ({ message, fieldId: `dpia-sign-off-${k}` })),
        fields,
      });
    setErrors(NO_ERRORS);
    signOff.mutate(
      { advice: advice.trim(), adviceAccepted: accepted === 'yes', nextReviewDate: next },
      {
        onError: (error) =>
          setErrors({
            summary: [
              { message: error instanceof ApiError ? error.detail : 'The sign-off could not be recorded.' },
            ],
            fields: {},
          }),
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <h2>DPO sign-off</h2>
      <ErrorSummary errors={errors.summary} />
      <Textarea
        id="dpia-sign-off-advice"
        label="DPO advice"
        value={advice}
        onChange={setAdvice}
        error={errors.fields.advice}
      />
      <Radios
        id="dpia-sign-off-accepted"
        label="Was the advice accepted?"
        value={accepted}
        onChange={setAccepted}
        error={errors.fields.accepted}
        options={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No, it was overruled' },
        ]}
      />
      <TextInput
        id="dpia-sign-off-next"
        label="Next review date"
        hint="For example, 2027-12-01."
        width={10}
        value={next}
        onChange={setNext}
        error={errors.fields.next}
      />
      <button className="nhsuk-button" type="submit">
        {signOff.isPending ? 'Saving…' : 'Sign off as DPO'}
      </button>
    </form>
  );
}

/** One DPIA: the ICO steps, its risks, and each measure's state as Accord measures it now. */
export function DpiaPage() {
  const { dpiaId = '' } = useParams();
  const dpia = useDpia(dpiaId);
  usePageTitle(dpia.data?.title ?? 'DPIA');
  return (
    <>
      <BackLink to="/dpias">All DPIAs</BackLink>
      <FlashBanner />
      {dpia.isPending ? <Loading /> : null}
      {dpia.isError ? <QueryError error={dpia.error} /> : null}
      {dpia.data ? (
        <>
          <h1>{dpia.data.title}</h1>
          <SummaryList
            rows={[
              { key: 'Why a DPIA is needed', value: dpia.data.need },
              { key: 'Description of the processing', value: dpia.data.description },
              { key: 'Consultation', value: dpia.data.consultation },
              { key: 'Necessity and proportionality', value: dpia.data.necessity },
              {
                key: 'Agreement',
                value: dpia.data.agreementId ? (
                  <Link to={`/agreements/${dpia.data.agreementId}`}>Open agreement</Link>
                ) : null,
              },
              {
                key: 'Review date',
                value: (
                  <>
                    {formatDate(dpia.data.reviewDate)}{' '}
                    {dpia.data.reviewDue ? <Tag colour="yellow">Review due</Tag> : null}
                  </>
                ),
              },
              {
                key: 'DPO sign-off',
                value: dpia.data.signOff
                  ? `${dpia.data.signOff.byName}, ${formatDateTime(dpia.data.signOff.at)}: ${dpia.data.signOff.advice} (advice ${dpia.data.signOff.adviceAccepted ? 'accepted' : 'overruled'})`
                  : 'Not signed off',
              },
            ]}
          />
          <Table
            caption="Risks"
            showCaption
            columns={RISK_COLUMNS}
            rows={dpia.data.risks}
            rowKey={(r) => String(r.index)}
          />
          <Table
            caption="Measures and their controls, checked now"
            showCaption
            columns={MITIGATION_COLUMNS}
            rows={dpia.data.mitigations}
            rowKey={(m) => `${m.risk}-${m.measure}`}
          />
          <SignOffForm dpia={dpia.data} />
        </>
      ) : null}
    </>
  );
}
