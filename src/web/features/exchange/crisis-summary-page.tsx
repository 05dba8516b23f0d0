import { Link, useParams } from 'react-router';
import { CRISIS_CATEGORIES } from '../../../contracts/enums.ts';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { usePerson } from '../people/people-api.ts';
import { PrintButton, PrintStamp, usePrintRecord } from '../people/print-record.tsx';
import { InterimDecisionForm } from './interim-decision-form.tsx';

/**
 * The after-hours crisis summary on one printable page: current risks, crisis plan (triggers and
 * de-escalation), medication considerations and key contacts, as the server decided the caller
 * may see them (a duty worker's emergency access opens each of these). Printing is recorded.
 */
export function CrisisSummaryPage() {
  const { personId = '' } = useParams();
  const person = usePerson(personId);
  const print = usePrintRecord(personId);
  usePageTitle(titleOf(person, (p) => `Crisis summary: ${p.givenName} ${p.familyName}`));
  if (person.isPending) return <Loading />;
  if (person.error) return <QueryError error={person.error} />;
  const p = person.data;
  const sections = p.sections.filter((s) => (CRISIS_CATEGORIES as readonly string[]).includes(s.category));
  return (
    <>
      <span className="nhsuk-caption-l">After-hours crisis summary</span>
      <h1>
        {p.givenName} {p.familyName}
      </h1>
      <p>
        NHS number {p.nhsNumber}, born {p.dateOfBirth}
      </p>
      <PrintButton print={print} />
      {sections.map((s) => (
        <section key={s.category} aria-labelledby={`crisis-${s.category}`}>
          <h2 id={`crisis-${s.category}`}>{s.label}</h2>
          {s.entries.length === 0 ? (
            <p>
              {s.status === 'withheld'
                ? `Withheld: ${s.withheldReasons.map((r) => r.message).join(' ') || 'not shared with you.'}`
                : 'Nothing recorded.'}
            </p>
          ) : (
            s.entries.map((e) => (
              <div key={e.id}>
                <h3 className="nhsuk-heading-s">{e.title}</h3>
                <p style={{ whiteSpace: 'pre-line' }}>{e.body}</p>
                <p className="nhsuk-body-s">
                  {e.organisationName}, {formatDateTime(e.recordedAt)}
                </p>
              </div>
            ))
          )}
        </section>
      ))}
      <InterimDecisionForm personId={p.id} />
      <PrintStamp person={p} stamp={print.stamp} />
      <p className="accord-no-print">
        <Link to={`/people/${p.id}`}>Back to the record</Link>
      </p>
    </>
  );
}
