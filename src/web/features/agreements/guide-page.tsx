import { Link } from 'react-router';
import type { SharingGuide } from '../../../contracts/sharing-guide.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Tag } from '../../components/tag.tsx';
import { ApiError } from '../../lib/api-error.ts';
import { formatDate } from '../../lib/format.ts';
import { STAFF_ROLE_LABELS } from '../../lib/labels.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useHasRole } from '../auth/require-role.tsx';
import { useGuideMutations, useMyGuides } from './guide-api.ts';
import { GuideDocument } from './guide-document.tsx';
import { ACKNOWLEDGEMENT_WORDS } from './guide-words.ts';

/** Where the caller's acknowledgement stands, and the button to give it. */
function Acknowledge({ guide }: { guide: SharingGuide }) {
  const { acknowledge } = useGuideMutations();
  const a = guide.acknowledgement;
  if (!a) return null;
  const [words, colour] = ACKNOWLEDGEMENT_WORDS[a.state];
  const error = acknowledge.error;
  return (
    <div className="accord-no-print" data-testid={`guide-ack-${guide.role}`}>
      <p>
        <Tag colour={colour}>{words}</Tag>
        {a.acknowledgedAt ? ` You acknowledged it on ${formatDate(a.acknowledgedAt)}` : null}
        {a.lapsesOn
          ? `; it ${a.state === 'lapsed' ? 'lapsed' : 'lapses'} on ${formatDate(a.lapsesOn)}.`
          : null}
      </p>
      {error ? (
        <ErrorSummary
          errors={[
            { message: error instanceof ApiError ? error.detail : 'The acknowledgement was not recorded.' },
          ]}
        />
      ) : null}
      {guide.can.acknowledge && a.state !== 'current' ? (
        <button
          className="nhsuk-button"
          type="button"
          onClick={() => acknowledge.mutate({ role: guide.role, fingerprint: guide.fingerprint })}
        >
          {`I have read and understood this guide (${STAFF_ROLE_LABELS[guide.role]})`}
        </button>
      ) : null}
    </div>
  );
}

/** "What we share and when": the caller's own guides, to read, acknowledge and print. */
export function GuidePage() {
  usePageTitle('What we share and when');
  const guides = useMyGuides();
  const hasRole = useHasRole();
  return (
    <>
      <h1>What we share and when</h1>
      <p>
        Your guide comes from the data sharing agreements in force, what your role may see and the consent
        rules. Read it, and acknowledge it each year or when it changes.
      </p>
      <p className="accord-no-print">
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => window.print()}>
          Print this guide
        </button>
      </p>
      {hasRole('ig_lead', 'service_manager') ? (
        <ul className="nhsuk-list accord-no-print">
          {hasRole('ig_lead') ? (
            <li>
              <Link to="/guide/scenarios">Write scenario guidance for your organisation</Link>
            </li>
          ) : null}
          <li>
            <Link to="/guide/standings">See which staff have acknowledged their guides</Link>
          </li>
          <li>
            <Link to="/guide/view">Read any organisation’s guide for any role</Link>
          </li>
        </ul>
      ) : null}
      {guides.isPending ? <Loading /> : null}
      {guides.isError ? <QueryError error={guides.error} /> : null}
      {guides.data?.items.length === 0 ? (
        <p>Your roles do not share person data, so you have no guide to acknowledge.</p>
      ) : null}
      {guides.data?.items.map((g) => (
        <div key={g.role}>
          <Acknowledge guide={g} />
          <p className="accord-no-print">
            <a href={`/api/v1/guides/pdf?organisationId=${g.organisationId}&role=${g.role}`} download>
              {`Download this guide as a PDF (${STAFF_ROLE_LABELS[g.role]})`}
            </a>
          </p>
          <GuideDocument guide={g} />
        </div>
      ))}
    </>
  );
}
