import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Agreement } from '../../../contracts/agreements.ts';
import { BackLink } from '../../components/back-link.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { flash } from '../../components/flash-banner.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { ApiError } from '../../lib/api-error.ts';
import type { FormErrors } from '../../lib/form-errors.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { type AgreementDraft, draftOf, emptyDraft, termsOf } from './agreement-draft.ts';
import { GrantsSection, PartiesSection, SignatoriesSection } from './agreement-form-lists.tsx';
import { BasicsSection, LegalBasisSection, SafeguardsSection } from './agreement-form-sections.tsx';
import { fieldIdOf, fieldWords } from './agreement-words.ts';
import { useAgreement, useAgreementMutations } from './agreements-api.ts';

const NONE: FormErrors = { summary: [], fields: {} };

function errorsOf(error: unknown): FormErrors {
  if (!(error instanceof ApiError))
    return { summary: [{ message: 'The agreement could not be saved. Try again.' }], fields: {} };
  const fields: Record<string, string> = {};
  const summary = error.fieldErrors.map((f) => {
    const message = `${fieldWords(f.field)} ${f.message}`;
    const fieldId = fieldIdOf(f.field);
    fields[fieldId] ??= message;
    return { message, fieldId };
  });
  return {
    summary:
      summary.length > 0 && error.code === 'VALIDATION_FAILED'
        ? summary
        : [{ message: error.detail }, ...summary],
    fields,
  };
}

function localErrors(draft: AgreementDraft, editing: boolean): FormErrors {
  const fields: Record<string, string> = {};
  if (!draft.title.trim()) fields['agreement-title'] = 'Enter a title';
  const hours = draft.incidentTimescaleHours.trim();
  if (hours && !/^\d+$/.test(hours))
    fields['agreement-incidentEscalation-timescaleHours'] = 'Timescale must be a whole number of hours';
  if (editing && !draft.changeNote.trim())
    fields['agreement-changeNote'] = 'Say what changed in this version';
  return { summary: Object.entries(fields).map(([fieldId, message]) => ({ message, fieldId })), fields };
}

function Editor({ agreement }: { agreement: Agreement | null }) {
  const navigate = useNavigate();
  const { create, update } = useAgreementMutations(agreement?.id);
  const [draft, setDraft] = useState<AgreementDraft>(() => (agreement ? draftOf(agreement) : emptyDraft()));
  const [errors, setErrors] = useState<FormErrors>(NONE);
  const title = agreement ? `Amend ${agreement.reference}` : 'Start a new agreement';
  usePageTitle(title, errors.summary.length > 0);
  const set = (patch: Partial<AgreementDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const saving = create.isPending || update.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local = localErrors(draft, agreement !== null);
    if (local.summary.length > 0) return setErrors(local);
    const terms = termsOf(draft);
    const done = (saved: Agreement) =>
      navigate(
        `/agreements/${saved.id}`,
        flash(agreement ? `Version ${saved.version} saved.` : 'Draft agreement saved.'),
      );
    const failed = (error: unknown) => setErrors(errorsOf(error));
    if (agreement)
      update.mutate(
        { ...terms, changeNote: draft.changeNote.trim(), expectedVersion: agreement.version },
        { onSuccess: done, onError: failed },
      );
    else
      create.mutate(
        { ...terms, ...(draft.changeNote.trim() ? { changeNote: draft.changeNote.trim() } : {}) },
        { onSuccess: done, onError: failed },
      );
  };

  const props = { draft, set, errors: errors.fields };
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors.summary} />
        <h1>{title}</h1>
        <p>
          Drafts can be saved incomplete. Before an agreement can be made active, every part must be filled
          in.
        </p>
        <form onSubmit={submit} noValidate>
          <BasicsSection {...props} />
          <PartiesSection {...props} />
          <GrantsSection {...props} />
          <LegalBasisSection {...props} />
          <SafeguardsSection {...props} />
          <SignatoriesSection {...props} />
          <TextInput
            id="agreement-changeNote"
            label={agreement ? 'What changed in this version' : 'Note (optional)'}
            value={draft.changeNote}
            onChange={(v) => set({ changeNote: v })}
            error={errors.fields['agreement-changeNote']}
          />
          <button className="nhsuk-button" type="submit">
            {saving ? 'Saving…' : agreement ? 'Save a new version' : 'Save the draft'}
          </button>
        </form>
      </div>
    </div>
  );
}

/** A new draft agreement. */
export function AgreementNewPage() {
  return (
    <>
      <BackLink to="/agreements">Back to agreements</BackLink>
      <Editor agreement={null} />
    </>
  );
}

/** A new version of an existing agreement's terms. */
export function AgreementEditPage() {
  const { agreementId = '' } = useParams();
  const agreement = useAgreement(agreementId);
  return (
    <>
      <BackLink to={`/agreements/${agreementId}`}>Back to the agreement</BackLink>
      {agreement.isPending ? <Loading /> : null}
      {agreement.isError ? <QueryError error={agreement.error} /> : null}
      {agreement.data ? <Editor agreement={agreement.data} /> : null}
    </>
  );
}
