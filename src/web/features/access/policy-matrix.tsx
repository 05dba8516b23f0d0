import type { ReactNode } from 'react';
import {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  type DataCategory,
  STAFF_ROLES,
  type StaffRole,
} from '../../../contracts/enums.ts';

/** Short role names for column headers; the full names are in the caption's key. */
export const ROLE_SHORT: Readonly<Record<StaffRole, string>> = {
  frontline: 'Frontline',
  care_manager: 'Care coordinator',
  clinical: 'Clinician',
  duty: 'Duty or crisis',
  safeguarding_lead: 'Safeguarding lead',
  service_manager: 'Service manager',
  ig_lead: 'IG lead',
  system_admin: 'System admin',
  commissioner: 'Commissioner',
};

/**
 * Categories down, roles across: a table whose cells the caller fills (words or checkboxes). It
 * scrolls sideways inside its own focusable region on narrow screens, so the page itself never does.
 */
export function PolicyMatrix({
  caption,
  cell,
}: {
  caption: string;
  cell: (role: StaffRole, category: DataCategory) => ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section className="accord-matrix" aria-label={caption} tabIndex={0}>
      <table className="nhsuk-table accord-matrix__table">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{caption}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">
              Information
            </th>
            {STAFF_ROLES.map((role) => (
              <th className="nhsuk-table__header accord-matrix__role" scope="col" key={role}>
                {ROLE_SHORT[role]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {DATA_CATEGORIES.map((category) => (
            <tr className="nhsuk-table__row" key={category}>
              <th className="nhsuk-table__header accord-matrix__category" scope="row">
                {DATA_CATEGORY_LABELS[category]}
              </th>
              {STAFF_ROLES.map((role) => (
                <td className="nhsuk-table__cell accord-matrix__cell" key={role}>
                  {cell(role, category)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** "Yes" or "No" with a tick or cross: the word carries the meaning, the mark and colour support it. */
export function YesNo({ yes }: { yes: boolean }) {
  return yes ? (
    <span className="accord-yes">
      <span aria-hidden="true">✓ </span>Yes
    </span>
  ) : (
    <span className="accord-no">
      <span aria-hidden="true">✗ </span>No
    </span>
  );
}
