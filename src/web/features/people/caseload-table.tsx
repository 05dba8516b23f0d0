import { Link } from 'react-router';
import { formatNhsNumber } from '../../../contracts/nhs-number.ts';
import type { CaseloadItem } from '../../../contracts/people.ts';
import { Tag, type TagColour } from '../../components/tag.tsx';
import { formatDate, listName } from '../../lib/format.ts';
import { CONSENT_STATUS_LABELS } from '../../lib/governance-labels.ts';
import { CARE_TEAM_ROLE_LABELS } from '../../lib/labels.ts';

const STATUS_COLOUR: Readonly<Record<CaseloadItem['consent']['status'], TagColour>> = {
  given: 'green',
  refused: 'red',
  withdrawn: 'orange',
  none: 'grey',
};

/** One section of the caseload: each person's header, how the caller is named, and their consent. */
export function CaseloadTable({
  items,
  caption,
  named,
}: {
  items: readonly CaseloadItem[];
  caption: string;
  named: boolean;
}) {
  return (
    <table className="nhsuk-table accord-table-responsive">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th className="nhsuk-table__header" scope="col">
            Name
          </th>
          <th className="nhsuk-table__header" scope="col">
            NHS number
          </th>
          <th className="nhsuk-table__header" scope="col">
            Date of birth
          </th>
          {named ? (
            <th className="nhsuk-table__header" scope="col">
              Named as
            </th>
          ) : null}
          <th className="nhsuk-table__header" scope="col">
            Consent
          </th>
          <th className="nhsuk-table__header" scope="col">
            Consent review
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {items.map((p) => (
          <tr className="nhsuk-table__row" key={p.id}>
            <td className="nhsuk-table__cell" data-label="Name">
              <Link to={`/people/${p.id}`}>{listName(p)}</Link>
            </td>
            <td className="nhsuk-table__cell accord-nowrap" data-label="NHS number">
              {formatNhsNumber(p.nhsNumber)}
            </td>
            <td className="nhsuk-table__cell accord-nowrap" data-label="Date of birth">
              {formatDate(p.dateOfBirth)}
            </td>
            {named ? (
              <td className="nhsuk-table__cell" data-label="Named as">
                {p.namedAs.map((r) => CARE_TEAM_ROLE_LABELS[r]).join(', ')}
              </td>
            ) : null}
            <td className="nhsuk-table__cell" data-label="Consent">
              <Tag colour={STATUS_COLOUR[p.consent.status]}>{CONSENT_STATUS_LABELS[p.consent.status]}</Tag>
            </td>
            <td className="nhsuk-table__cell accord-nowrap" data-label="Consent review">
              {p.consent.reviewDate ? formatDate(p.consent.reviewDate) : 'None set'}
              {p.consent.reviewDue ? (
                <>
                  {' '}
                  <Tag colour="yellow">Due</Tag>
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
