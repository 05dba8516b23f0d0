import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import type { PolicyPreview } from '../../../contracts/access.ts';
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
  usePolicyPreview,
  useProposeAccessPolicy,
  useUpdateAccessPolicy,
} from './access-api.ts';
import { PolicyMatrix } from './policy-matrix.tsx';

const LABELS = { tiers: 'Tiers', breakGlassMinutes: 'Emergency access time', restricted: 'Extra rules' };
type Tiers = TierPolicyInput['tiers'];

/** The draft's effect on the last 30 days' decisions, as the server replayed them, shown before saving. */
function PreviewSummary({ preview, pending }: { preview: PolicyPreview | undefined; pending: boolean }) {
  return (
    <div className="nhsuk-inset-text" aria-live="polite">
      <h2 className="nhsuk-heading-s">Effect of this change</h2>
      {preview ? (
        <p>
          Over the last 30 days, this change would have turned {preview.changed} of {preview.decisions}{' '}
          decisions: {preview.nowPermitted} more allowed, {preview.nowDenied} more refused.
          {preview.notReplayable > 0
            ? ` ${preview.notReplayable} could not be replayed, because the policy changed since they were made.`
            : ''}
        </p>
      ) : (
        <p>
          {pending ? 'Working out the effect…' : 'Enter a valid emergency access time to see the effect.'}
        </p>
      )}
      <p className="nhsuk-hint">
        Worked out by deciding the logged decisions again under this policy; care teams, agreements and
        consent are taken as they were when each decision was made.
      </p>
    </div>
  );
}

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
  const propose = useProposeAccessPolicy();
  const [tiers, setTiers] = useState<Tiers>(policy.tiers);
  const [minutes, setMinutes] = useState(String(policy.breakGlassMinutes));
  const draftMinutes = Number(minutes);
  const preview = usePolicyPreview(
    Number.isInteger(draftMinutes) && draftMinutes >= 15 && draftMinutes <= 720
      ? {
          tiers,
          restricted: policy.restricted,
          breakGlassMinutes: draftMinutes,
          breakGlassDailyLimit: policy.breakGlassDailyLimit,
        }
      : null,
  );

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
      <PreviewSummary preview={preview.data} pending={preview.isFetching} />
      <button className="nhsuk-button" type="submit">
        {update.isPending || propose.isPending
          ? 'Saving…'
          : policy.can.change
            ? 'Save the access policy'
            : 'Propose the change to the IG leads'}
      </button>
    </form>
  );
}

/**
 * The partnership governance lead changes the tier matrix and the emergency access time; other IG
 * leads propose a change for the parties' IG leads to approve. The effect is shown before either.
 */
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
