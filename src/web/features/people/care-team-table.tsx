import { Link } from 'react-router';
import type { CareTeamMember, PersonDetail } from '../../../contracts/people.ts';
import { Tag } from '../../components/tag.tsx';
import { formatDate } from '../../lib/format.ts';
import { CARE_TEAM_ROLE_LABELS } from '../../lib/labels.ts';
import { useMe } from '../auth/use-me.ts';
import { byCurrentThenRecent, memberName } from './care-team-summary.ts';

/** How to reach a member: the staff member's email where the directory holds it, else through the team. */
function MemberContact({ member }: { member: CareTeamMember }) {
  if (member.staffEmail)
    return (
      <a className="accord-break" href={`mailto:${member.staffEmail}`}>
        {member.staffEmail}
        <span className="nhsuk-u-visually-hidden"> (email {memberName(member)})</span>
      </a>
    );
  if (member.staffId) return <span className="accord-muted">No contact details held</span>;
  return <span className="accord-muted">Through the team at {member.organisationName}</span>;
}

/** Everyone who is or was on the person's care team, with forms to change it when the server allows. */
export function CareTeamTable({ person }: { person: PersonDetail }) {
  const members = byCurrentThenRecent(person.careTeam);
  const manage = person.can.manageCareTeam;
  // Memberships are ended by their own organisation only (the server refuses the rest).
  const ownOrganisation = useMe().data?.organisation.id;
  return (
    <section className="accord-care-team" aria-labelledby="care-team-heading">
      <h2 id="care-team-heading">Care team</h2>
      {members.length === 0 ? (
        <p>No one has been on this person’s care team.</p>
      ) : (
        <table className="nhsuk-table accord-table-responsive">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
            Current and past care team
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th className="nhsuk-table__header" scope="col">
                Member
              </th>
              <th className="nhsuk-table__header" scope="col">
                Role
              </th>
              <th className="nhsuk-table__header" scope="col">
                Organisation
              </th>
              <th className="nhsuk-table__header" scope="col">
                Contact
              </th>
              <th className="nhsuk-table__header" scope="col">
                Dates
              </th>
              <th className="nhsuk-table__header" scope="col">
                Status
              </th>
              {manage ? (
                <th className="nhsuk-table__header" scope="col">
                  <span className="nhsuk-u-visually-hidden">Action</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {members.map((m) => (
              <tr className="nhsuk-table__row" key={m.id}>
                <td className="nhsuk-table__cell" data-label="Member">
                  {memberName(m)}
                  {m.staffName && m.teamName ? <span className="accord-muted"> ({m.teamName})</span> : null}
                  {m.staffJobTitle ? (
                    <span className="accord-muted nhsuk-body-s accord-block">{m.staffJobTitle}</span>
                  ) : null}
                </td>
                <td className="nhsuk-table__cell" data-label="Role">
                  {CARE_TEAM_ROLE_LABELS[m.role]}
                </td>
                <td className="nhsuk-table__cell" data-label="Organisation">
                  {m.organisationName}
                </td>
                <td className="nhsuk-table__cell" data-label="Contact">
                  <MemberContact member={m} />
                </td>
                <td className="nhsuk-table__cell" data-label="Dates">
                  {formatDate(m.startDate)} to {m.endDate ? formatDate(m.endDate) : 'now'}
                </td>
                <td className="nhsuk-table__cell" data-label="Status">
                  {m.current ? <Tag colour="green">Current</Tag> : <Tag colour="grey">Ended</Tag>}
                </td>
                {manage ? (
                  <td className="nhsuk-table__cell" data-label="Action">
                    {m.current && !m.endDate && m.organisationId === ownOrganisation ? (
                      <Link to={`/people/${person.id}/care-team/${m.id}/end`}>
                        End<span className="nhsuk-u-visually-hidden"> membership of {memberName(m)}</span>
                      </Link>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manage ? (
        <Link className="nhsuk-button nhsuk-button--secondary" to={`/people/${person.id}/care-team/new`}>
          Add to the care team
        </Link>
      ) : null}
    </section>
  );
}
