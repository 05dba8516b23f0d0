import { useEffect } from 'react';
import type { ConsentPreview } from '../../../../contracts/consent.ts';
import { DATA_CATEGORY_LABELS } from '../../../../contracts/enums.ts';
import { isoOf } from '../../../components/date-input.tsx';
import { Loading, QueryError } from '../../../components/query-status.tsx';
import { SummaryList } from '../../../components/summary-list.tsx';
import { formatDate } from '../../../lib/format.ts';
import { CAPACITY_LABELS } from '../../../lib/governance-labels.ts';
import { useOrganisationNames } from '../../directory/organisation-options.ts';
import { useConsentPreview } from '../consent-api.ts';
import { ConsentSummaryView } from '../consent-summary-view.tsx';
import {
  type CaptureDraft,
  type PartnerChoice,
  provisionsOf,
  STEP_TITLES,
  type Step,
  stepOfField,
} from './capture-draft.ts';

const FIELD_WORDS: Readonly<Record<string, string>> = {
  capacity: 'Capacity',
  bestInterestsDecision: 'Best-interests decision',
  decisionMaker: 'Decision maker',
  explanation: 'What you explained',
  reviewDate: 'Review date',
  provisions: 'Your choices',
  organisationId: 'Organisation',
  categories: 'Information',
};

/** A server problem as a sentence: the last named part of its path, then the server's phrase. */
export function problemSentence(field: string, message: string): string {
  const parts = field
    .replace(/^body\./, '')
    .split('.')
    .filter((p) => !/^\d+$/.test(p));
  const last = parts.at(-1) ?? '';
  return `${FIELD_WORDS[last] ?? last} ${message}`;
}

/** What capture would refuse, each with a way back to the step that can fix it. */
function Problems({
  draft,
  problems,
  goTo,
}: {
  draft: CaptureDraft;
  problems: ConsentPreview['problems'];
  goTo: (s: Step) => void;
}) {
  if (problems.length === 0) return null;
  return (
    <div className="nhsuk-warning-callout" data-testid="consent-problems">
      <h2 className="nhsuk-warning-callout__label">
        <span className="nhsuk-u-visually-hidden">Important: </span>This cannot be saved yet
      </h2>
      <ul className="nhsuk-list">
        {problems.map((p) => {
          const step = stepOfField(p.field, draft);
          return (
            <li key={`${p.field}${p.message}`}>
              {problemSentence(p.field, p.message)}.{' '}
              <ChangeLink step={step} label={STEP_TITLES[step]} goTo={goTo} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function ChangeLink({ step, label, goTo }: { step: Step; label: string; goTo: (s: Step) => void }) {
  return (
    <button className="accord-link-button" type="button" onClick={() => goTo(step)}>
      Change<span className="nhsuk-u-visually-hidden"> {label.toLowerCase()}</span>
    </button>
  );
}

function choices(list: PartnerChoice[], orgName: (id: string) => string): string {
  if (list.length === 0) return 'None';
  return list
    .map(
      (c) =>
        `${c.organisationId ? orgName(c.organisationId) : 'Everyone'}: ${
          c.categories.length === 0
            ? 'everything'
            : c.categories.map((x) => DATA_CATEGORY_LABELS[x].toLowerCase()).join(', ')
        }`,
    )
    .join('; ');
}

/** The worker's answers, each with a way back to change it. */
function Answers({ draft, goTo }: { draft: CaptureDraft; goTo: (s: Step) => void }) {
  const orgName = useOrganisationNames();
  const rows: { key: string; value: string; step: Step }[] = [
    { key: 'Capacity', value: draft.capacity ? CAPACITY_LABELS[draft.capacity] : '', step: 'capacity' },
    ...(draft.capacity === 'LACKS_CAPACITY'
      ? [
          { key: 'Best-interests decision', value: draft.bestInterestsDecision, step: 'capacity' as const },
          { key: 'Decision maker', value: draft.decisionMaker, step: 'capacity' as const },
        ]
      : []),
    { key: 'Sharing within the care team', value: draft.routine === 'yes' ? 'Yes' : 'No', step: 'routine' },
    { key: 'Named partners', value: choices(draft.partners, orgName), step: 'partners' },
    { key: 'Restrictions', value: choices(draft.restrictions, orgName), step: 'restrictions' },
    { key: 'What you explained', value: draft.explanation, step: 'explanation' },
    { key: 'Review date', value: formatDate(isoOf(draft.reviewDate)), step: 'review' },
  ];
  return (
    <SummaryList
      rows={rows.map((r) => ({
        key: r.key,
        value: (
          <span className="accord-answer-row">
            <span>{r.value}</span>
            <ChangeLink step={r.step} label={r.key} goTo={goTo} />
          </span>
        ),
      }))}
    />
  );
}

/**
 * Before saving: the server's own reading of the choices (deny wins), any problems capture would
 * refuse, and the answers with links back. Nothing is computed here.
 */
export function CaptureCheck({
  personId,
  draft,
  goTo,
}: {
  personId: string;
  draft: CaptureDraft;
  goTo: (s: Step) => void;
}) {
  const preview = useConsentPreview(personId);
  const provisions = provisionsOf(draft);
  const key = JSON.stringify(provisions);
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again only when the provisions change (key)
  useEffect(() => {
    preview.mutate({ provisions });
  }, [key]);
  return (
    <>
      <h2>What this consent will mean</h2>
      {preview.isPending ? <Loading what="Working out what this means" /> : null}
      {preview.isError ? <QueryError error={preview.error} /> : null}
      {preview.data ? (
        <>
          <Problems draft={draft} problems={preview.data.problems} goTo={goTo} />
          <ConsentSummaryView summary={preview.data.summary} headingLevel={3} />
        </>
      ) : null}
      <h2>Your answers</h2>
      <Answers draft={draft} goTo={goTo} />
    </>
  );
}
