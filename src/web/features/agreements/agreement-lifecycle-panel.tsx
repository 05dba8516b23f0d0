import { type FormEvent, useState } from 'react';
import type { Agreement, AgreementLifecycle, SignOffKind } from '../../../contracts/agreements.ts';
import { Radios } from '../../components/choice-group.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { ApiError } from '../../lib/api-error.ts';
import { type FormErrors, NO_ERRORS } from '../../lib/form-errors.ts';
import { useAgreementLifecycle, useLifecycleMutations } from './agreements-api.ts';

const KIND_WORDS: Record<SignOffKind, string> = { LEGAL: 'Legal', OPERATIONAL: 'Operational' };

type SignOffRow = AgreementLifecycle['signOffs'][number];

const SIGN_OFF_COLUMNS: readonly Column<SignOffRow>[] = [
  { header: 'Organisation', cell: (s) => s.organisationName },
  { header: 'Sign-off', cell: (s) => KIND_WORDS[s.kind] },
  { header: 'Signed by', cell: (s) => `${s.signerName}, ${s.signerRole}` },
  { header: 'Date', cell: (s) => s.signedOn, nowrap: true },
  {
    header: 'Terms',
    cell: (s) =>
      s.current ? <Tag colour="green">Current terms</Tag> : <Tag colour="grey">Earlier terms</Tag>,
  },
];

/** Records the caller's organisation's sign-off; the server says which organisation that may be. */
function SignOffForm({ lifecycle, agreementId }: { lifecycle: AgreementLifecycle; agreementId: string }) {
  const { signOff } = useLifecycleMutations(agreementId);
  const [kind, setKind] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [date, setDate] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const organisationId = lifecycle.can.signOffFor[0];
  if (!organisationId) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (kind !== 'LEGAL' && kind !== 'OPERATIONAL') fields.kind = 'Select which sign-off this is';
    if (!name.trim()) fields.name = 'Enter who signed';
    if (!role.trim()) fields.role = 'Enter the role of the person who signed';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fields.date = 'Enter the date signed, for example 2026-12-01';
    if (Object.keys(fields).length > 0 || (kind !== 'LEGAL' && kind !== 'OPERATIONAL'))
      return setErrors({
        summary: Object.entries(fields).map(([k, message]) => ({ message, fieldId: `sign-off-${k}` })),
        fields,
      });
    setErrors(NO_ERRORS);
    signOff.mutate(
      {
        organisationId,
        kind,
        signerName: name.trim(),
        signerRole: role.trim(),
        signedOn: date,
        expectedVersion: lifecycle.version,
      },
      {
        onSuccess: () => setKind(''),
        onError: (error) =>
          setErrors({
            summary: [
              {
                message:
                  error instanceof ApiError ? error.detail : 'The sign-off could not be recorded. Try again.',
              },
            ],
            fields: {},
          }),
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <h3>Sign off for your organisation</h3>
      <ErrorSummary errors={errors.summary} />
      {signOff.isSuccess ? (
        <p className="accord-confirmation" role="status">
          The sign-off is recorded.
        </p>
      ) : null}
      <Radios
        id="sign-off-kind"
        label="Which sign-off is this?"
        value={kind}
        onChange={setKind}
        error={errors.fields.kind}
        options={[
          { value: 'LEGAL', label: 'Legal: the lawful basis and terms are approved' },
          { value: 'OPERATIONAL', label: 'Operational: the organisation can work to these terms' },
        ]}
      />
      <TextInput
        id="sign-off-name"
        label="Signed by"
        value={name}
        onChange={setName}
        error={errors.fields.name}
      />
      <TextInput
        id="sign-off-role"
        label="Their role"
        hint="For example, SIRO or Director of Operations."
        value={role}
        onChange={setRole}
        error={errors.fields.role}
      />
      <TextInput
        id="sign-off-date"
        label="Date signed"
        hint="For example, 2026-12-01."
        width={10}
        value={date}
        onChange={setDate}
        error={errors.fields.date}
      />
      <button className="nhsuk-button" type="submit">
        {signOff.isPending ? 'Saving…' : 'Record the sign-off'}
      </button>
    </form>
  );
}

function Acknowledge({ lifecycle, agreementId }: { lifecycle: AgreementLifecycle; agreementId: string }) {
  const { acknowledge } = useLifecycleMutations(agreementId);
  if (!lifecycle.can.acknowledge) return null;
  if (lifecycle.acknowledgedByMe)
    return <p className="accord-confirmation">You have acknowledged this agreement’s guidance.</p>;
  return (
    <>
      <h3>What this agreement means for you</h3>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {lifecycle.guidance.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>Acknowledging says you understand what you may share under this agreement.</p>
      {acknowledge.isError ? (
        <ErrorSummary
          errors={[{ message: 'The acknowledgement could not be recorded. Reload and try again.' }]}
        />
      ) : null}
      <button
        className="nhsuk-button nhsuk-button--secondary"
        type="button"
        onClick={() => acknowledge.mutate(lifecycle.version)}
      >
        I have read and understood this guidance
      </button>
    </>
  );
}

/** Each party's sign-offs, its staff's awareness and what activation still needs. */
export function AgreementLifecyclePanel({ agreement }: { agreement: Agreement }) {
  const lifecycle = useAgreementLifecycle(agreement.id);
  return (
    <section aria-labelledby="lifecycle-heading" className="accord-section-gap">
      <h2 id="lifecycle-heading">Sign-off and staff awareness</h2>
      {lifecycle.isPending ? <Loading /> : null}
      {lifecycle.isError ? <QueryError error={lifecycle.error} /> : null}
      {lifecycle.data ? (
        <>
          {lifecycle.data.signOffs.length > 0 ? (
            <Table
              caption="Sign-offs recorded"
              showCaption
              columns={SIGN_OFF_COLUMNS}
              rows={lifecycle.data.signOffs}
              rowKey={(s) => `${s.organisationId}-${s.kind}-${s.version}-${s.signedOn}`}
            />
          ) : (
            <p>No party has signed off yet.</p>
          )}
          <h3>Staff awareness</h3>
          <ul className="nhsuk-list">
            {lifecycle.data.awareness.map((a) => (
              <li key={a.organisationId}>
                {a.organisationName}: {a.acknowledged} of {a.sharingStaff} staff who share under it have
                acknowledged its guidance
              </li>
            ))}
          </ul>
          {agreement.recordedStatus === 'draft' && lifecycle.data.activationMissing.length > 0 ? (
            <div className="nhsuk-inset-text">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>Before this agreement can be made active:</p>
              <ul className="nhsuk-list nhsuk-list--bullet">
                {lifecycle.data.activationMissing
                  .filter((m) => /^(signOffs|staffAwareness|legalBasis)/.test(m.path))
                  .map((m) => (
                    <li key={m.path}>{m.path === 'legalBasis' ? `Legal basis ${m.message}` : m.message}</li>
                  ))}
              </ul>
            </div>
          ) : null}
          <Acknowledge lifecycle={lifecycle.data} agreementId={agreement.id} />
          <SignOffForm lifecycle={lifecycle.data} agreementId={agreement.id} />
        </>
      ) : null}
    </section>
  );
}
