import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  type DataCategory,
  type StaffRole,
} from '../../../contracts/enums.ts';
import { BackLink } from '../../components/back-link.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { flash } from '../../components/flash-banner.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { STAFF_ROLE_LABELS } from '../../lib/labels.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import {
  type AccessPolicy,
  type TierPolicyInput,
  useAccessPolicy,
  useUpdateAccessPolicy,
} from './access-api.ts';
import { PolicyMatrix } from './policy-matrix.tsx';

const LABELS = { tiers: 'Tiers', breakGlassMinutes: 'Emergency access time', restricted: 'Extra rules' };
type Tiers = TierPolicyInput['tiers'];

function PolicyForm({
  policy,
  errors,
  setErrors,
}: {
  policy: AccessPolicy;
  errors: FormErrors;
  setErrors: (e: FormErrors) => void;
}) {
  const navigate = useNavigate();
  const update = useUpdateAccessPolicy();
  const [tiers, setTiers] = useState<Tiers>(policy.tiers);
  const [minutes, setMinutes] = useState(String(policy.breakGlassMinutes));

  const toggle = (role: StaffRole, category: DataCategory, on: boolean) => {
    const current = tiers[role] ?? [];
    const next = on ? [...current, category] : current.filter((c) => c !== category);
    // Kept in the catalogue's order, so saved policies compare cleanly between versions.
    setTiers({ ...tiers, [role]: DATA_CATEGORIES.filter((c) => next.includes(c)) });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const breakGlassMinutes = Number(minutes);
    if (!Number.isInteger(breakGlassMinutes) || breakGlassMinutes < 15 || breakGlassMinutes > 720) {
      const message = 'Emergency access time must be a whole number of minutes from 15 to 720';
      return setErrors({
        summary: [{ message, fieldId: 'policy-breakGlassMinutes' }],
        fields: { breakGlassMinutes: message },
      });
    }
    update.mutate(
      {
        tiers,
        restricted: policy.restricted,
        breakGlassMinutes,
        breakGlassDailyLimit: policy.breakGlassDailyLimit,
      },
      {
        onSuccess: (saved) =>
          navigate('/access-policy', flash(`Access policy saved as version ${saved.version}.`)),
        onError: (error) => setErrors(formErrorsFrom(error, LABELS, 'policy')),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <fieldset className="nhsuk-fieldset accord-shrinkable">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
          Kinds of information each role may see
        </legend>
        <div className="nhsuk-hint">
          Tick a box to let a role see that kind of information. The change applies to the next request.
        </div>
        <PolicyMatrix
          caption="Tick what each role may see"
          cell={(role, category) => {
            const id = `tier-${role}-${category}`;
            return (
              <>
                <input
                  className="accord-matrix__checkbox"
                  type="checkbox"
                  id={id}
                  checked={(tiers[role] ?? []).includes(category)}
                  onChange={(e) => toggle(role, category, e.target.checked)}
                />
                <label className="nhsuk-u-visually-hidden" htmlFor={id}>
                  {STAFF_ROLE_LABELS[role]} may see {DATA_CATEGORY_LABELS[category].toLowerCase()}
                </label>
              </>
            );
          }}
        />
      </fieldset>
      <TextInput
        id="policy-breakGlassMinutes"
        label="How long emergency access lasts, in minutes"
        hint="From 15 minutes to 720 minutes (12 hours)."
        inputMode="numeric"
        value={minutes}
        onChange={setMinutes}
        error={errors.fields.breakGlassMinutes}
        width={4}
      />
      <button className="nhsuk-button" type="submit">
        {update.isPending ? 'Saving…' : 'Save the access policy'}
      </button>
    </form>
  );
}

/** IG leads change the tier matrix and the emergency access time. */
export function PolicyEditPage() {
  const policy = useAccessPolicy();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Change the access policy', errors.summary.length > 0);
  return (
    <>
      <BackLink to="/access-policy">Back to the access policy</BackLink>
      <ErrorSummary errors={errors.summary} />
      <h1>Change the access policy</h1>
      {policy.isPending ? <Loading /> : null}
      {policy.isError ? <QueryError error={policy.error} /> : null}
      {policy.data ? <PolicyForm policy={policy.data} errors={errors} setErrors={setErrors} /> : null}
    </>
  );
}
