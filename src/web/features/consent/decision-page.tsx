import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { BackLink } from '../../components/back-link.tsx';
import { isoOf } from '../../components/date-input.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { flash } from '../../components/flash-banner.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { todayIso } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { PersonHeader } from '../people/person-header.tsx';
import { type CaptureDraft, newDraft, stepProblems } from './capture/capture-draft.ts';
import { CapacityStep, ExplanationStep, ReviewStep } from './capture/capture-steps.tsx';
import { useConsentMutations } from './consent-api.ts';

const LABELS = {
  capacity: 'Capacity',
  bestInterestsDecision: 'Best-interests decision',
  decisionMaker: 'Decision maker',
  explanation: 'What you explained',
  reviewDate: 'Review date',
};

const WORDS = {
  withdraw: {
    title: 'Record a withdrawal of consent',
    lead: 'The person no longer agrees to share. From now on, partners see only what a lawful exception allows.',
    done: 'Withdrawal of consent recorded.',
  },
  refuse: {
    title: 'Record a refusal of consent',
    lead: 'The person does not agree to share their information with partners.',
    done: 'Refusal of consent recorded.',
  },
} as const;

/** Records that the person withdrew or refused consent, with who decided and what they were told. */
export function DecisionPage({ what }: { what: 'withdraw' | 'refuse' }) {
  const { personId = '' } = useParams();
  const navigate = useNavigate();
  const mutations = useConsentMutations(personId);
  const mutation = what === 'withdraw' ? mutations.withdraw : mutations.refuse;
  const [today] = useState(todayIso);
  const [draft, setDraft] = useState<CaptureDraft>(() => newDraft(today));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const words = WORDS[what];
  usePageTitle(words.title, errors.summary.length > 0);
  const change = (patch: Partial<CaptureDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = (['capacity', 'explanation', 'review'] as const).flatMap((s) =>
      stepProblems(s, draft, today),
    );
    const reviewDate = isoOf(draft.reviewDate);
    if (problems.length > 0 || !reviewDate || !draft.capacity) {
      return setErrors({
        summary: problems.map((p) => ({ message: p.message, fieldId: `capture-${p.field}` })),
        fields: Object.fromEntries(problems.map((p) => [p.field, p.message])),
      });
    }
    const lacks = draft.capacity === 'LACKS_CAPACITY';
    mutation.mutate(
      {
        capacity: draft.capacity,
        bestInterestsDecision: lacks ? draft.bestInterestsDecision.trim() : null,
        decisionMaker: lacks ? draft.decisionMaker.trim() : null,
        explanation: draft.explanation.trim(),
        reviewDate,
      },
      {
        onSuccess: () => navigate(`/people/${personId}/consent`, flash(words.done)),
        onError: (error) => setErrors(formErrorsFrom(error, LABELS, 'capture')),
      },
    );
  };

  const props = { draft, change, errors: errors.fields };
  return (
    <>
      <BackLink to={`/people/${personId}/consent`}>Back to consent</BackLink>
      <PersonHeader personId={personId}>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <ErrorSummary errors={errors.summary} />
            <h1>{words.title}</h1>
            <p>{words.lead}</p>
            <form onSubmit={submit} noValidate>
              <CapacityStep {...props} />
              <ExplanationStep {...props} />
              <ReviewStep {...props} />
              <button className="nhsuk-button nhsuk-button--warning" type="submit">
                {mutation.isPending ? 'Saving…' : words.title.replace('Record a', 'Record the')}
              </button>
            </form>
          </div>
        </div>
      </PersonHeader>
    </>
  );
}

/** The withdrawal page. */
export function WithdrawConsentPage() {
  return <DecisionPage what="withdraw" />;
}

/** The refusal page. */
export function RefuseConsentPage() {
  return <DecisionPage what="refuse" />;
}
