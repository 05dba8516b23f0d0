import { type FormEvent, useState } from 'react';
import type { InterfaceEntry, InterfaceEntryInput } from '../../../contracts/interface-register.ts';
import { Checkboxes, Radios } from '../../components/choice-group.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { ApiError } from '../../lib/api-error.ts';
import type { SummaryError } from '../../lib/form-errors.ts';
import { useMe } from '../auth/use-me.ts';
import { useOrganisations, useStaffList } from '../directory/directory-api.ts';

const SCORES = ['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v }));

/** The fields of a register entry; the server checks them again and names any that are wrong. */
export function InterfaceForm({
  entry,
  submitLabel,
  onSubmit,
  pending,
  extra,
}: {
  entry?: InterfaceEntry;
  submitLabel: string;
  onSubmit: (input: InterfaceEntryInput, fail: (error: unknown) => void) => void;
  pending: boolean;
  extra?: React.ReactNode;
}) {
  const me = useMe();
  const orgId = entry?.organisationId ?? me.data?.organisation.id;
  const staff = useStaffList({ organisationId: orgId, pageSize: 100 }, orgId !== undefined);
  const organisations = useOrganisations();
  const [title, setTitle] = useState(entry?.title ?? '');
  const [gap, setGap] = useState(entry?.gap ?? '');
  const [route, setRoute] = useState<string>(entry?.route ?? '');
  const [partners, setPartners] = useState<string[]>(entry?.partners.map((p) => p.organisationId) ?? []);
  const [owner, setOwner] = useState(entry?.ownerStaffId ?? '');
  const [likelihood, setLikelihood] = useState(String(entry?.likelihood ?? ''));
  const [severity, setSeverity] = useState(String(entry?.severity ?? ''));
  const [risk, setRisk] = useState(entry?.risk ?? '');
  const [mitigations, setMitigations] = useState(entry?.mitigations ?? '');
  const [reviewOn, setReviewOn] = useState(entry?.reviewOn ?? '');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const fail = (error: unknown) =>
    setErrors(
      error instanceof ApiError && error.fieldErrors.length > 0
        ? error.fieldErrors.map((f) => ({
            message: `${f.field.replace('body.', '')} ${f.message}`,
            fieldId: `interface-${f.field.replace('body.', '').split('.')[0]}`,
          }))
        : [{ message: error instanceof ApiError ? error.detail : 'The entry was not saved.' }],
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors([]);
    onSubmit(
      {
        title,
        gap,
        route: route as InterfaceEntryInput['route'],
        partnerOrganisationIds: partners,
        ownerStaffId: owner,
        likelihood: Number(likelihood),
        severity: Number(severity),
        risk,
        mitigations,
        reviewOn,
      },
      fail,
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} />
      <TextInput id="interface-title" label="Title" value={title} onChange={setTitle} />
      <Textarea
        id="interface-gap"
        label="Which systems do not connect, and why"
        value={gap}
        onChange={setGap}
        rows={3}
      />
      <Radios
        id="interface-route"
        label="Transfer route"
        value={route}
        onChange={setRoute}
        options={[
          { value: 'SECURE_EMAIL', label: 'Secure email' },
          { value: 'MANUAL_TRANSFER', label: 'Structured manual transfer' },
        ]}
      />
      <Checkboxes
        id="interface-partnerOrganisationIds"
        label="Partner organisations it reaches"
        values={partners}
        onChange={setPartners}
        options={(organisations.data?.items ?? [])
          .filter((o) => o.id !== orgId)
          .map((o) => ({ value: o.id, label: o.name }))}
      />
      <Select
        id="interface-ownerStaffId"
        label="Owner"
        hint="The named member of staff who keeps this route safe and reviews it."
        value={owner}
        onChange={setOwner}
        placeholder="Choose the owner"
        options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.displayName }))}
      />
      <Select
        id="interface-likelihood"
        label="Likelihood of harm (1 rare to 5 almost certain)"
        value={likelihood}
        onChange={setLikelihood}
        placeholder="Choose"
        options={SCORES}
      />
      <Select
        id="interface-severity"
        label="Severity of harm (1 minimal to 5 catastrophic)"
        value={severity}
        onChange={setSeverity}
        placeholder="Choose"
        options={SCORES}
      />
      <Textarea id="interface-risk" label="Risk assessment" value={risk} onChange={setRisk} rows={3} />
      <Textarea
        id="interface-mitigations"
        label="Mitigations"
        value={mitigations}
        onChange={setMitigations}
        rows={3}
      />
      <TextInput
        id="interface-reviewOn"
        label="Review by"
        hint="For example, 2027-06-30."
        width={10}
        value={reviewOn}
        onChange={setReviewOn}
      />
      {extra}
      <button className="nhsuk-button" type="submit">
        {pending ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
