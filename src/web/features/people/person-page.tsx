import { Link, useParams } from 'react-router';
import type { PersonDetail, RecordEntry } from '../../../contracts/people.ts';
import { BackLink } from '../../components/back-link.tsx';
import { FlashBanner } from '../../components/flash-banner.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { BreakGlassBanner } from '../access/break-glass-banner.tsx';
import { useMe } from '../auth/use-me.ts';
import { PersonCoordination } from '../signals/coordination-page.tsx';
import { CareTeamTable } from './care-team-table.tsx';
import { usePerson } from './people-api.ts';
import { PersonBanner } from './person-banner.tsx';
import { PrintButton, PrintStamp, usePrintRecord } from './print-record.tsx';
import { RecordSection } from './record-section.tsx';
import { WITHHELD_HEADING_ID, WithheldSummary } from './withheld-summary.tsx';

/**
 * An entry may be amended when its category is one the server lets the caller write for their own
 * organisation and the entry is their organisation's: the same decision, read from `can.addEntry`.
 */
function amendable(person: PersonDetail, organisationId: string | undefined) {
  return (entry: RecordEntry) =>
    entry.organisationId === organisationId && person.can.addEntry.includes(entry.category);
}

function Contents({ person }: { person: PersonDetail }) {
  const shown = person.sections.filter((s) => s.status !== 'withheld');
  const anyWithheld = person.sections.some((s) => s.status !== 'shown');
  return (
    <nav className="nhsuk-contents-list accord-contents accord-no-print" aria-label="Record sections">
      <h2 className="nhsuk-u-visually-hidden">Contents</h2>
      <ol className="nhsuk-contents-list__list">
        {shown.map((s) => (
          <li className="nhsuk-contents-list__item" key={s.category}>
            <a className="nhsuk-contents-list__link" href={`#section-${s.category.toLowerCase()}`}>
              {s.label}
              {s.status === 'shown' ? ` (${s.entries.length})` : ' (partly not shown)'}
            </a>
          </li>
        ))}
        {anyWithheld ? (
          <li className="nhsuk-contents-list__item">
            <a className="nhsuk-contents-list__link" href={`#${WITHHELD_HEADING_ID}`}>
              Not shown to you
            </a>
          </li>
        ) : null}
        <li className="nhsuk-contents-list__item">
          <a className="nhsuk-contents-list__link" href="#care-team-heading">
            Care team
          </a>
        </li>
      </ol>
    </nav>
  );
}

/** The handover timeline, and governance links the server says the caller may use. */
function RecordLinks({ person }: { person: PersonDetail }) {
  const report = person.can.viewAccessReport;
  const explain = person.can.explainAccess;
  return (
    <ul className="nhsuk-list accord-record-links accord-no-print">
      <li>
        <Link to={`/people/${person.id}/handovers`}>Handovers</Link>
      </li>
      <li>
        <Link to={`/people/${person.id}/coordination`}>Case coordination timeline</Link>
      </li>
      <li>
        <Link to={`/people/${person.id}/safeguarding`}>Safeguarding</Link>
      </li>
      <li>
        <Link to={`/people/${person.id}/reviews`}>Care-plan reviews and outcomes</Link>
      </li>
      <li>
        <Link to={`/people/${person.id}/crisis-summary`}>Crisis summary (printable)</Link>
      </li>
      {report ? (
        <li>
          <Link to={`/people/${person.id}/access-report`}>Who has accessed this record</Link>
        </li>
      ) : null}
      {explain ? (
        <li>
          <Link to={`/explain?personId=${person.id}`}>Check who can see this record</Link>
        </li>
      ) : null}
    </ul>
  );
}

function PersonContent({ person }: { person: PersonDetail }) {
  const me = useMe();
  const canAmend = amendable(person, me.data?.organisation.id);
  const print = usePrintRecord(person.id);
  return (
    <>
      <PrintStamp person={person} stamp={print.stamp} />
      {person.breakGlass ? <BreakGlassBanner personId={person.id} grant={person.breakGlass} /> : null}
      <PersonBanner person={person} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-quarter accord-sidebar accord-no-print">
          <Contents person={person} />
          {person.can.addEntry.length > 0 ? (
            <Link className="nhsuk-button" to={`/people/${person.id}/entries/new`}>
              Add an entry
            </Link>
          ) : null}
          <PrintButton print={print} />
          <RecordLinks person={person} />
        </div>
        <div className="nhsuk-grid-column-three-quarters">
          {person.sections
            .filter((section) => section.status !== 'withheld')
            .map((section) => (
              <RecordSection
                key={section.category}
                personId={person.id}
                section={section}
                canAdd={person.can.addEntry.includes(section.category)}
                canAmend={canAmend}
              />
            ))}
          <WithheldSummary person={person} viewerId={me.data?.id} />
          <PersonCoordination personId={person.id} />
        </div>
      </div>
      <CareTeamTable person={person} />
    </>
  );
}

/** A person's page: banner, record sections as the server decided them, and the care team. */
export function PersonPage() {
  const { personId = '' } = useParams();
  const person = usePerson(personId);
  usePageTitle(titleOf(person, (p) => `${p.givenName} ${p.familyName}`));
  return (
    <>
      <BackLink to="/people">Back to your caseload</BackLink>
      <FlashBanner />
      {person.isPending ? <Loading what="Loading the record" /> : null}
      {person.isError ? <QueryError error={person.error} /> : null}
      {person.data ? <PersonContent person={person.data} /> : null}
    </>
  );
}
