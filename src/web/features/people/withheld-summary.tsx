import type { CareTeamMember, PersonDetail, RecordSection } from '../../../contracts/people.ts';
import { CARE_TEAM_ROLE_LABELS } from '../../lib/labels.ts';
import { memberName } from './care-team-summary.ts';

/** Id of the summary's heading, for links from the contents and from partly withheld sections. */
export const WITHHELD_HEADING_ID = 'not-shown-heading';

/** One of the server's reasons, with the sections it was given for. */
interface ReasonGroup {
  code: string;
  message: string;
  sections: string[];
}

/** Groups the server's reasons across sections, so each reason is said once with where it applies. */
export function reasonGroups(sections: readonly RecordSection[]): ReasonGroup[] {
  const groups = new Map<string, ReasonGroup>();
  for (const section of sections) {
    for (const reason of section.withheldReasons) {
      const group = groups.get(reason.code) ?? { code: reason.code, message: reason.message, sections: [] };
      group.sections.push(section.label);
      groups.set(reason.code, group);
    }
  }
  return [...groups.values()];
}

function sectionWords(section: RecordSection): string {
  const count =
    section.withheldCount > 0
      ? ` (${section.withheldCount} ${section.withheldCount === 1 ? 'entry' : 'entries'})`
      : '';
  return section.status === 'partial' ? `${section.label}: some entries${count}` : `${section.label}${count}`;
}

/** Who coordinates the person's care now, other than the reader: the people to ask about what is not shown. */
function coordinators(person: PersonDetail, viewerId: string | undefined): CareTeamMember[] {
  return person.careTeam.filter((m) => m.current && m.role === 'CARE_COORDINATOR' && m.staffId !== viewerId);
}

function Contact({ member }: { member: CareTeamMember }) {
  return (
    <li>
      {memberName(member)}, {CARE_TEAM_ROLE_LABELS[member.role].toLowerCase()} ({member.organisationName})
      {member.staffEmail ? (
        <>
          {': '}
          <a href={`mailto:${member.staffEmail}`}>{member.staffEmail}</a>
        </>
      ) : null}
    </li>
  );
}

/**
 * Every withheld or partly withheld section in one place: whose information, why (the server's own
 * words, each said once) and who to ask. It supplies no reason of its own.
 */
export function WithheldSummary({
  person,
  viewerId,
}: {
  person: PersonDetail;
  viewerId: string | undefined;
}) {
  const withheld = person.sections.filter((s) => s.status !== 'shown');
  if (withheld.length === 0) return null;
  const groups = reasonGroups(withheld);
  const ask = coordinators(person, viewerId);
  const name = `${person.givenName} ${person.familyName}`;
  return (
    <section className="nhsuk-card accord-withheld-summary" aria-labelledby={WITHHELD_HEADING_ID}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m" id={WITHHELD_HEADING_ID}>
          Not shown to you
        </h2>
        <p>Some kinds of information in {name}’s record are not shown to you.</p>
        <h3 className="nhsuk-heading-s">What is not shown</h3>
        <ul className="nhsuk-list nhsuk-list--bullet">
          {withheld.map((s) => (
            <li key={s.category}>{sectionWords(s)}</li>
          ))}
        </ul>
        <h3 className="nhsuk-heading-s">Why</h3>
        {groups.length === 0 ? (
          <p>No reason was given.</p>
        ) : (
          <ul className="nhsuk-list nhsuk-list--bullet accord-withheld-reasons">
            {groups.map((g) => (
              <li key={g.code}>
                <span>{g.message}</span>
                {withheld.length > 1 ? (
                  <span className="accord-muted accord-block nhsuk-body-s">For: {g.sections.join(', ')}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <h3 className="nhsuk-heading-s">Who to ask</h3>
        {ask.length > 0 ? (
          <>
            <p>If you need this information for {name}’s care, ask their care coordinator:</p>
            <ul className="nhsuk-list">
              {ask.map((m) => (
                <Contact key={m.id} member={m} />
              ))}
            </ul>
            <p>If you think the reason is wrong, ask your organisation’s information governance lead.</p>
          </>
        ) : (
          <p>
            No care coordinator is named for {name}. Ask your organisation’s information governance lead if
            you need this information for their care.
          </p>
        )}
      </div>
    </section>
  );
}
