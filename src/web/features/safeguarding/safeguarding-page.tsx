import { Link, useParams } from 'react-router';
import { DATA_CATEGORY_LABELS } from '../../../contracts/enums.ts';
import {
  ABUSE_TYPE_LABELS,
  type CaseConference,
  type Concern,
  RISK_SOURCE_LABELS,
} from '../../../contracts/safeguarding.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { SummaryList } from '../../components/summary-list.tsx';
import { Inset } from '../../components/warning.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { PersonHeader } from '../people/person-header.tsx';
import { ActionList } from './action-list.tsx';
import { useSafeguarding } from './safeguarding-api.ts';
import { CAPACITY_LABELS, ENQUIRY_TYPE_LABELS, SHARING_BASIS_LABELS, yesNo } from './safeguarding-words.ts';

function ConcernSection({ concern, personId }: { concern: Concern; personId: string }) {
  const heading = `concern-${concern.id}`;
  return (
    <section className="nhsuk-card" aria-labelledby={heading}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading" id={heading}>
          {ENQUIRY_TYPE_LABELS[concern.enquiryType]}:{' '}
          {concern.abuseTypes.map((t) => ABUSE_TYPE_LABELS[t]).join(', ')}
        </h2>
        <SummaryList
          rows={[
            { key: 'Status', value: concern.status === 'open' ? 'Open' : 'Closed' },
            {
              key: 'Recorded',
              value: `${formatDateTime(concern.recordedAt)} by ${concern.recordedBy}, ${concern.organisationName}`,
            },
            { key: 'Safeguarding lead', value: concern.lead.name },
            { key: 'Has care and support needs', value: yesNo(concern.s42.careAndSupportNeeds) },
            {
              key: 'Experiencing or at risk of abuse or neglect',
              value: yesNo(concern.s42.atRiskOfAbuseOrNeglect),
            },
            { key: 'Unable to protect themselves', value: yesNo(concern.s42.unableToProtectSelf) },
            { key: 'Source of risk', value: RISK_SOURCE_LABELS[concern.sourceOfRisk] },
            { key: 'Location of risk', value: concern.locationOfRisk },
            { key: 'Immediate actions', value: concern.immediateActions },
            { key: 'The person’s views', value: concern.adultViews },
            { key: 'Outcomes they want', value: concern.desiredOutcomes },
            {
              key: 'Capacity',
              value: `${CAPACITY_LABELS[concern.capacity.assessment] ?? ''}${concern.capacity.notes ? `. ${concern.capacity.notes}` : ''}`,
            },
            {
              key: 'Advocacy needed',
              value: `${yesNo(concern.advocacy.needed)}${concern.advocacy.notes ? `. ${concern.advocacy.notes}` : ''}`,
            },
            {
              key: 'Police involved',
              value: `${yesNo(concern.police.involved)}${concern.police.reference ? ` (reference ${concern.police.reference})` : ''}`,
            },
            {
              key: 'Shared with',
              value:
                concern.sharing.length === 0
                  ? 'Nothing shared yet'
                  : concern.sharing.map((s) => `${s.what} (${s.why})`).join('; '),
            },
            {
              key: 'Next huddle',
              value: concern.nextHuddleOn ? formatDate(concern.nextHuddleOn) : 'Not set',
            },
          ]}
        />
        <h3 id={`${heading}-actions`}>Protective actions</h3>
        <ActionList
          personId={personId}
          actions={concern.protectiveActions}
          headingId={`${heading}-actions`}
        />
        {concern.huddleReviews.length > 0 ? (
          <>
            <h3>Huddle reviews</h3>
            <ul className="nhsuk-list">
              {concern.huddleReviews.map((h) => (
                <li key={h.id}>
                  {formatDate(h.heldOn)} ({h.recordedBy}):{' '}
                  {h.partnerContacts.map((p) => `${p.organisation}, ${p.contact}: ${p.outcome}`).join('; ') ||
                    'No partner contacts'}
                  . Next huddle {formatDate(h.nextHuddleOn)}.
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {concern.can.edit ? (
          <Link to={`/people/${personId}/safeguarding/concerns/${concern.id}/huddle`}>
            Record a huddle review
          </Link>
        ) : null}
      </div>
    </section>
  );
}

function ConferenceSection({ conference, personId }: { conference: CaseConference; personId: string }) {
  const heading = `conference-${conference.id}`;
  return (
    <section className="nhsuk-card" aria-labelledby={heading}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading" id={heading}>
          Case conference, {formatDate(conference.heldOn)}
        </h2>
        <SummaryList
          rows={[
            {
              key: 'Attendees',
              value: conference.attendees
                .map((a) => `${a.name} (${a.role}, ${a.organisationName})`)
                .join('; '),
            },
            { key: 'The person’s views', value: conference.personViews },
            {
              key: 'Information shared',
              value:
                conference.shared
                  .map(
                    (s) =>
                      `${s.organisationName}: ${s.categories.map((c) => DATA_CATEGORY_LABELS[c]).join(', ')} (${SHARING_BASIS_LABELS[s.basis] ?? s.basis})`,
                  )
                  .join('; ') || 'None',
            },
            { key: 'Decisions', value: conference.decisions.join('; ') },
          ]}
        />
        <h3 id={`${heading}-actions`}>Actions</h3>
        <ActionList personId={personId} actions={conference.actions} headingId={`${heading}-actions`} />
      </div>
    </section>
  );
}

/** A person's safeguarding: the flag for everyone, the notes for those the server lets read them. */
export function SafeguardingPage() {
  const { personId = '' } = useParams();
  const view = useSafeguarding(personId);
  usePageTitle('Safeguarding');
  const data = view.data;
  return (
    <>
      <BackLink to={`/people/${personId}`}>Back to the record</BackLink>
      <PersonHeader personId={personId}>
        <h1>Safeguarding</h1>
        {view.isPending ? <Loading what="Loading safeguarding" /> : null}
        {view.isError ? <QueryError error={view.error} /> : null}
        {data ? (
          <>
            {data.can.record ? (
              <div className="nhsuk-button-group">
                <Link className="nhsuk-button" to={`/people/${personId}/safeguarding/new`}>
                  Record a concern
                </Link>
                <Link
                  className="nhsuk-button nhsuk-button--secondary"
                  to={`/people/${personId}/case-conferences/new`}
                >
                  Record a case conference
                </Link>
              </div>
            ) : null}
            {data.withheld ? (
              <Inset>
                Safeguarding notes are restricted to safeguarding leads.{' '}
                {data.flag ? 'Contact the lead named above about this concern.' : ''}
              </Inset>
            ) : null}
            {data.withheld && data.myActions.some((a) => a.status === 'open') ? (
              <section aria-labelledby="my-actions">
                <h2 id="my-actions">Your protective actions</h2>
                <ActionList
                  personId={personId}
                  actions={data.myActions.filter((a) => a.status === 'open')}
                  headingId="my-actions"
                />
              </section>
            ) : null}
            {!data.withheld && data.concerns.length === 0 ? (
              <p>No safeguarding concerns are recorded.</p>
            ) : null}
            {data.concerns.map((c) => (
              <ConcernSection key={c.id} concern={c} personId={personId} />
            ))}
            {data.conferences.map((c) => (
              <ConferenceSection key={c.id} conference={c} personId={personId} />
            ))}
          </>
        ) : null}
      </PersonHeader>
    </>
  );
}
