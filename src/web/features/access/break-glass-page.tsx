import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { CRISIS_CATEGORIES, DATA_CATEGORY_LABELS } from '../../../contracts/enums.ts';
import { isValidNhsNumber } from '../../../contracts/nhs-number.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { FlashBanner, flash } from '../../components/flash-banner.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { WarningCallout } from '../../components/warning.tsx';
import { ApiError } from '../../lib/api-error.ts';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { durationWords, formatTime } from '../../lib/time.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { CrisisSearch } from '../exchange/crisis-search.tsx';
import { useAccessPolicy, useGrantBreakGlass } from './access-api.ts';
import { BreakGlassGrants } from './break-glass-grants.tsx';

const LABELS = { nhsNumber: 'NHS number', reason: 'Reason' };
const CRISIS_SUMMARY = CRISIS_CATEGORIES.map((c) => DATA_CATEGORY_LABELS[c].toLowerCase()).join(', ');

function localErrors(nhsNumber: string, reason: string): FormErrors {
  const fields: Record<string, string> = {};
  if (!isValidNhsNumber(nhsNumber.trim())) fields.nhsNumber = 'Enter a valid 10-digit NHS number';
  if (reason.trim().length < 10)
    fields.reason = 'Say why you need emergency access, in at least 10 characters';
  return {
    summary: Object.entries(fields).map(([k, message]) => ({ message, fieldId: `break-glass-${k}` })),
    fields,
  };
}

/** A duty worker opens the crisis summary of someone not on their caseload, for a limited time. */
export function BreakGlassPage() {
  const navigate = useNavigate();
  const grant = useGrantBreakGlass();
  const policy = useAccessPolicy();
  const [nhsNumber, setNhsNumber] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Emergency access to a crisis summary', errors.summary.length > 0);
  const minutes = policy.data?.breakGlassMinutes;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local = localErrors(nhsNumber, reason);
    if (local.summary.length > 0) return setErrors(local);
    grant.mutate(
      { nhsNumber: nhsNumber.replace(/\s+/g, ''), reason: reason.trim() },
      {
        onSuccess: (g) =>
          navigate(
            `/people/${g.personId}`,
            flash(`Emergency access opened until ${formatTime(g.expiresAt)}.`),
          ),
        onError: (error) =>
          setErrors(
            error instanceof ApiError && error.status === 404
              ? {
                  summary: [
                    {
                      message: 'No record has this NHS number. Check it and try again.',
                      fieldId: 'break-glass-nhsNumber',
                    },
                  ],
                  fields: { nhsNumber: 'No record has this NHS number' },
                }
              : formErrorsFrom(error, LABELS, 'break-glass'),
          ),
      },
    );
  };

  return (
    <>
      <FlashBanner />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors.summary} />
          <h1>Emergency access to a crisis summary</h1>
          <p>
            Use this when someone needs a crisis response now and they are not on your caseload. You will see
            their crisis summary: {CRISIS_SUMMARY}.
          </p>
          <WarningCallout heading="Emergency access is limited, recorded and reviewed">
            <p>
              Access ends after {minutes ? durationWords(minutes) : 'a set time'}. Everything you open is
              recorded with the reason you give, and the information governance lead reviews every emergency
              access.
            </p>
          </WarningCallout>
          <form onSubmit={submit} noValidate>
            <TextInput
              id="break-glass-nhsNumber"
              label="NHS number"
              hint="10 digits, for example 485 777 3456"
              value={nhsNumber}
              onChange={setNhsNumber}
              error={errors.fields.nhsNumber}
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              width={10}
            />
            <Textarea
              id="break-glass-reason"
              label="Why do you need emergency access?"
              hint="For example, who contacted the crisis line and what is happening. At least 10 characters."
              value={reason}
              onChange={setReason}
              error={errors.fields.reason}
              rows={4}
            />
            <button className="nhsuk-button nhsuk-button--warning" type="submit">
              {grant.isPending ? 'Opening…' : 'Open the crisis summary'}
            </button>
          </form>
          <CrisisSearch onPick={setNhsNumber} />
        </div>
      </div>
      <h2>Your emergency accesses</h2>
      <BreakGlassGrants />
    </>
  );
}
