import { type FormEvent, useEffect, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { PersonDetail } from '../../../../contracts/people.ts';
import { BackLink } from '../../../components/back-link.tsx';
import { ErrorSummary } from '../../../components/error-summary.tsx';
import { flash } from '../../../components/flash-banner.tsx';
import { ApiError } from '../../../lib/api-error.ts';
import type { FormErrors } from '../../../lib/form-errors.ts';
import { todayIso } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { usePerson } from '../../people/people-api.ts';
import { PersonHeader } from '../../people/person-header.tsx';
import { useConsentMutations } from '../consent-api.ts';
import { CaptureCheck, problemSentence } from './capture-check.tsx';
import {
  type CaptureDraft,
  captureInputOf,
  STEP_TITLES,
  STEPS,
  type Step,
  stepOfField,
  stepProblems,
} from './capture-draft.ts';
import { CapacityStep, ExplanationStep, ReviewStep, RoutineStep, type StepProps } from './capture-steps.tsx';
import { clearDraft, firstUnfinished, loadDraft, saveDraft, stepOf } from './capture-storage.ts';
import { PartnersStep, RestrictionsStep } from './provision-steps.tsx';

const NONE: FormErrors = { summary: [], fields: {} };

function careTeamOrganisations(person: PersonDetail | undefined): string[] {
  return [...new Set((person?.careTeam ?? []).filter((m) => m.current).map((m) => m.organisationName))];
}

function StepBody({
  step,
  props,
  person,
}: {
  step: Step;
  props: StepProps;
  person: PersonDetail | undefined;
}) {
  switch (step) {
    case 'capacity':
      return <CapacityStep {...props} />;
    case 'routine':
      return <RoutineStep {...props} careTeamOrganisations={careTeamOrganisations(person)} />;
    case 'partners':
      return <PartnersStep {...props} />;
    case 'restrictions':
      return <RestrictionsStep {...props} />;
    case 'explanation':
      return <ExplanationStep {...props} />;
    case 'review':
      return <ReviewStep {...props} />;
    default:
      return null;
  }
}

/** Where a step of the conversation lives: one URL a step, so Back, reload and links work. */
export function captureStepPath(personId: string, step: Step): string {
  return `/people/${personId}/consent/capture/${step}`;
}

/** The conversation's start: a new draft at its first step. */
export function CaptureStartPage() {
  const { personId = '' } = useParams();
  useState(() => clearDraft(personId));
  return <Navigate replace to={captureStepPath(personId, STEPS[0])} />;
}

/**
 * Consent captured as a conversation, one question a page at its own URL: capacity, care-team
 * sharing, named partners, restrictions, the explanation given and the review date; then the
 * server's reading of it all before it is saved. The answers are kept for the tab, so Back and a
 * reload lose nothing; a step past an unanswered one sends the worker back to it.
 */
export function CapturePage() {
  const { personId = '', step: stepParam } = useParams();
  const step = stepOf(stepParam);
  const [today] = useState(todayIso);
  // Read afresh on each step: the step before saved its answers on the way here.
  const draft = loadDraft(personId, today);
  if (!step) return <Navigate replace to={captureStepPath(personId, STEPS[0])} />;
  const unfinished = firstUnfinished(step, draft, today);
  if (unfinished) return <Navigate replace to={captureStepPath(personId, unfinished)} />;
  return <CaptureStep key={step} personId={personId} step={step} initial={draft} today={today} />;
}

function CaptureStep({
  personId,
  step,
  initial,
  today,
}: {
  personId: string;
  step: Step;
  initial: CaptureDraft;
  today: string;
}) {
  const navigate = useNavigate();
  const person = usePerson(personId);
  const { capture } = useConsentMutations(personId);
  const [draft, setDraft] = useState<CaptureDraft>(initial);
  const [errors, setErrors] = useState<FormErrors>(NONE);
  const index = STEPS.indexOf(step);
  usePageTitle(`${STEP_TITLES[step]} – Record consent`, errors.summary.length > 0);
  useEffect(() => saveDraft(personId, draft), [personId, draft]);

  const goTo = (next: Step) => navigate(captureStepPath(personId, next));
  const change = (patch: Partial<CaptureDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (step !== 'check') {
      const problems = stepProblems(step, draft, today);
      if (problems.length > 0)
        return setErrors({
          summary: problems.map((p) => ({ message: p.message, fieldId: `capture-${p.field}` })),
          fields: Object.fromEntries(problems.map((p) => [p.field, p.message])),
        });
      saveDraft(personId, draft);
      return goTo(STEPS[index + 1] ?? 'check');
    }
    const input = captureInputOf(draft);
    if (!input) return goTo('review');
    capture.mutate(input, {
      onSuccess: () => {
        clearDraft(personId);
        navigate(`/people/${personId}/consent`, flash('Consent recorded.'));
      },
      onError: (error) =>
        setErrors({
          summary:
            error instanceof ApiError && error.fieldErrors.length > 0
              ? error.fieldErrors.map((f) => ({
                  message: `${problemSentence(f.field, f.message)} (${STEP_TITLES[stepOfField(f.field, draft)].toLowerCase()})`,
                }))
              : [{ message: error.message }],
          fields: {},
        }),
    });
  };

  const previous = STEPS[index - 1];
  return (
    <>
      {previous ? (
        <Link className="nhsuk-back-link" to={captureStepPath(personId, previous)}>
          Back<span className="nhsuk-u-visually-hidden"> to {STEP_TITLES[previous].toLowerCase()}</span>
        </Link>
      ) : (
        <BackLink to={`/people/${personId}/consent`}>Back to consent</BackLink>
      )}
      <PersonHeader personId={personId}>
        <div className="nhsuk-grid-row">
          <div className={step === 'check' ? 'nhsuk-grid-column-full' : 'nhsuk-grid-column-two-thirds'}>
            <ErrorSummary errors={errors.summary} />
            <h1 tabIndex={-1}>
              <span className="nhsuk-caption-l">
                Record consent, step {index + 1} of {STEPS.length}
                <span className="nhsuk-u-visually-hidden"> – </span>
              </span>
              {STEP_TITLES[step]}
            </h1>
            <form onSubmit={submit} noValidate>
              <StepBody step={step} props={{ draft, change, errors: errors.fields }} person={person.data} />
              {step === 'check' ? <CaptureCheck personId={personId} draft={draft} goTo={goTo} /> : null}
              <button className="nhsuk-button" type="submit">
                {step === 'check' ? (capture.isPending ? 'Saving…' : 'Save consent') : 'Continue'}
              </button>
            </form>
          </div>
        </div>
      </PersonHeader>
    </>
  );
}
