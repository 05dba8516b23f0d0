import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { LawfulExceptionInput } from '../../../contracts/consent.ts';
import {
  ARTICLE_6_BASES,
  ARTICLE_9_CONDITIONS,
  COMMON_LAW_BASES,
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  LAWFUL_EXCEPTION_GROUNDS,
} from '../../../contracts/enums.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Checkboxes, Radios } from '../../components/choice-group.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { flash } from '../../components/flash-banner.tsx';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import {
  ARTICLE_6_LABELS,
  ARTICLE_9_LABELS,
  COMMON_LAW_LABELS,
  LAWFUL_EXCEPTION_GROUND_LABELS,
} from '../../lib/legal-labels.ts';
import { addDays, londonDayStart } from '../../lib/time.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useOrganisationOptions } from '../directory/organisation-options.ts';
import { PersonHeader } from '../people/person-header.tsx';
import { useConsentMutations } from './consent-api.ts';

const LABELS = {
  ground: 'Ground',
  article6: 'Article 6 basis',
  article9: 'Article 9 condition',
  commonLaw: 'Common-law basis',
  recipientOrganisationId: 'Shared with',
  categories: 'Information',
  validUntil: 'Valid until',
  rationale: 'Why',
};
const pick = <T extends string>(all: readonly T[], value: string): T | undefined =>
  all.find((v) => v === value);

/** Records sharing without consent (safeguarding, vital interests, legal duty) with its legal basis and rationale. */
export function LawfulExceptionPage() {
  const { personId = '' } = useParams();
  const navigate = useNavigate();
  const { recordException } = useConsentMutations(personId);
  const organisations = useOrganisationOptions();
  const [form, setForm] = useState({
    ground: '',
    article6: '',
    article9: '',
    commonLaw: '',
    recipient: '',
    until: '',
    rationale: '',
  });
  const [categories, setCategories] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Record a lawful exception', errors.summary.length > 0);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ground = pick(LAWFUL_EXCEPTION_GROUNDS, form.ground);
    const article6 = pick(ARTICLE_6_BASES, form.article6);
    const article9 = pick(ARTICLE_9_CONDITIONS, form.article9);
    const commonLaw = pick(COMMON_LAW_BASES, form.commonLaw);
    const validUntil = form.until ? londonDayStart(addDays(form.until, 1)) : null;
    const fields: Record<string, string> = {};
    if (!ground) fields.ground = 'Select the ground for sharing without consent';
    if (!article6) fields.article6 = 'Select the Article 6 basis';
    if (!article9) fields.article9 = 'Select the Article 9 condition';
    if (!commonLaw) fields.commonLaw = 'Select the common-law basis';
    if (categories.length === 0) fields.categories = 'Select the information that needs to be shared';
    if (form.until && !validUntil) fields.validUntil = 'Valid until must be a real date';
    if (form.rationale.trim().length < 20)
      fields.rationale = 'Say why sharing without consent was necessary, in at least 20 characters';
    if (!ground || !article6 || !article9 || !commonLaw || Object.keys(fields).length > 0) {
      return setErrors({
        summary: Object.entries(fields).map(([k, message]) => ({ message, fieldId: `exception-${k}` })),
        fields,
      });
    }
    const input: LawfulExceptionInput = {
      ground,
      article6,
      article9,
      commonLaw,
      recipientOrganisationId: form.recipient || null,
      categories: DATA_CATEGORIES.filter((c) => categories.includes(c)),
      validUntil,
      rationale: form.rationale.trim(),
    };
    recordException.mutate(input, {
      onSuccess: () =>
        navigate(
          `/people/${personId}/consent`,
          flash('Lawful exception recorded. The IG lead will review it.'),
        ),
      onError: (error) => setErrors(formErrorsFrom(error, LABELS, 'exception')),
    });
  };

  return (
    <>
      <BackLink to={`/people/${personId}/consent`}>Back to consent</BackLink>
      <PersonHeader personId={personId}>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <ErrorSummary errors={errors.summary} />
            <h1>Record a lawful exception</h1>
            <p>
              Use this when information must be shared without the person’s consent, for example to keep
              someone safe. Seek your Caldicott guardian’s advice where you can. The information governance
              lead reviews every exception.
            </p>
            <form onSubmit={submit} noValidate>
              <Radios
                id="exception-ground"
                label="Ground"
                value={form.ground}
                onChange={set('ground')}
                error={errors.fields.ground}
                options={LAWFUL_EXCEPTION_GROUNDS.map((g) => ({
                  value: g,
                  label: LAWFUL_EXCEPTION_GROUND_LABELS[g],
                }))}
              />
              <Select
                id="exception-article6"
                label="UK GDPR Article 6 basis"
                value={form.article6}
                onChange={set('article6')}
                error={errors.fields.article6}
                placeholder="Select the Article 6 basis"
                options={ARTICLE_6_BASES.map((b) => ({ value: b, label: ARTICLE_6_LABELS[b] }))}
              />
              <Select
                id="exception-article9"
                label="UK GDPR Article 9 condition"
                value={form.article9}
                onChange={set('article9')}
                error={errors.fields.article9}
                placeholder="Select the Article 9 condition"
                options={ARTICLE_9_CONDITIONS.map((b) => ({ value: b, label: ARTICLE_9_LABELS[b] }))}
              />
              <Select
                id="exception-commonLaw"
                label="Common-law duty of confidentiality basis"
                value={form.commonLaw}
                onChange={set('commonLaw')}
                error={errors.fields.commonLaw}
                placeholder="Select the common-law basis"
                options={COMMON_LAW_BASES.map((b) => ({ value: b, label: COMMON_LAW_LABELS[b] }))}
              />
              <Select
                id="exception-recipientOrganisationId"
                label="Shared with"
                hint="Leave as “Any organisation on the care team” when it is not one recipient."
                value={form.recipient}
                onChange={set('recipient')}
                error={errors.fields.recipientOrganisationId}
                placeholder="Any organisation on the care team"
                options={organisations.options}
              />
              <Checkboxes
                id="exception-categories"
                label="What information needs to be shared?"
                hint="Tick only what is needed to act on this ground. Nothing is ticked for you."
                small
                values={categories}
                onChange={setCategories}
                error={errors.fields.categories}
                options={DATA_CATEGORIES.map((c) => ({ value: c, label: DATA_CATEGORY_LABELS[c] }))}
              />
              <TextInput
                id="exception-validUntil"
                label="Valid until (optional)"
                hint="The last day the exception applies. Leave empty until it is withdrawn."
                type="date"
                value={form.until}
                onChange={set('until')}
                error={errors.fields.validUntil}
                width={10}
              />
              <Textarea
                id="exception-rationale"
                label="Why was sharing without consent necessary?"
                hint="The risk, why consent could not be sought or was overridden, and who advised. At least 20 characters."
                value={form.rationale}
                onChange={set('rationale')}
                error={errors.fields.rationale}
              />
              <button className="nhsuk-button" type="submit">
                {recordException.isPending ? 'Saving…' : 'Record the exception'}
              </button>
            </form>
          </div>
        </div>
      </PersonHeader>
    </>
  );
}
