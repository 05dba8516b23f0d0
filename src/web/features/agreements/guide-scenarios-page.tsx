import { type FormEvent, useState } from 'react';
import { SITUATION_LABELS, SITUATIONS, type Situation } from '../../../contracts/sharing-guide.ts';
import { BackLink } from '../../components/back-link.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { ApiError } from '../../lib/api-error.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useGuideMutations, useScenarioVersions } from './guide-api.ts';

/** One situation: its current guidance, a new version, and the versions before. */
function SituationEditor({ situation }: { situation: Situation }) {
  const versions = useScenarioVersions(situation);
  const { writeScenario } = useGuideMutations();
  const current = versions.data?.items[0];
  const [body, setBody] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [dispute, setDispute] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = `scenario-${situation.toLowerCase()}`;
  const save = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    writeScenario.mutate(
      {
        situation,
        input: {
          body: body ?? current?.body ?? '',
          changeNote: note,
          expectedVersion: current?.version ?? 0,
          ...(dispute.trim() ? { disputeId: dispute.trim() } : {}),
        },
      },
      {
        onSuccess: () => {
          setBody(null);
          setNote('');
          setDispute('');
        },
        onError: (error) =>
          setProblem(
            error instanceof ApiError
              ? [
                  error.detail,
                  ...error.fieldErrors.map((f) => `${f.field.replace('body.', '')} ${f.message}`),
                ].join(' ')
              : 'The guidance was not saved.',
          ),
      },
    );
  };
  return (
    <section className="accord-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{SITUATION_LABELS[situation]}</h2>
      {versions.isPending ? <Loading /> : null}
      {versions.isError ? <QueryError error={versions.error} /> : null}
      {versions.data ? (
        <form onSubmit={save} noValidate>
          {problem ? <ErrorSummary errors={[{ message: problem }]} /> : null}
          {writeScenario.isSuccess && writeScenario.variables?.situation === situation ? (
            <p className="accord-confirmation" role="status">
              The new version is saved.
            </p>
          ) : null}
          <p className="nhsuk-body-s">
            {current
              ? `Version ${current.version}, ${formatDateTime(current.updatedAt)}: ${current.changeNote}`
              : 'No guidance yet.'}
          </p>
          <Textarea
            id={`${id}-body`}
            label="Guidance"
            value={body ?? current?.body ?? ''}
            onChange={setBody}
          />
          <TextInput id={`${id}-note`} label="What changed" value={note} onChange={setNote} />
          <TextInput
            id={`${id}-dispute`}
            label="Dispute this version answers (optional)"
            hint="The reference of an agreement dispute whose documented outcome changed the guidance."
            value={dispute}
            onChange={setDispute}
          />
          <button className="nhsuk-button" type="submit">
            {`Save a new version of the ${SITUATION_LABELS[situation].toLowerCase()} guidance`}
          </button>
          {versions.data.items.length > 1 ? (
            <details className="nhsuk-details">
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">Earlier versions</span>
              </summary>
              <div className="nhsuk-details__text">
                {versions.data.items.slice(1).map((v) => (
                  <p key={v.version}>{`Version ${v.version} (${v.changeNote}): ${v.body}`}</p>
                ))}
              </div>
            </details>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}

/** Scenario guidance for routine, urgent, safeguarding and crisis situations: IG leads write it. */
export function GuideScenariosPage() {
  usePageTitle('Scenario guidance');
  return (
    <>
      <BackLink to="/guide">What we share and when</BackLink>
      <h1>Scenario guidance</h1>
      <p>
        Your organisation’s staff read this beside their guide. Each change is a new version, and staff are
        asked to acknowledge their guide again.
      </p>
      {SITUATIONS.map((s) => (
        <SituationEditor key={s} situation={s} />
      ))}
    </>
  );
}
