import type { ReactNode } from 'react';

/** One column of a table: its header and how a row fills its cell. */
export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Read by screen readers only (e.g. an "Action" column). */
  hiddenHeader?: boolean;
  nowrap?: boolean;
}

interface TableProps<T> {
  caption: string;
  /** Show the caption as a heading above the table; by default it is for screen readers only. */
  showCaption?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
}

/**
 * An NHS.UK table that becomes labelled blocks on narrow screens (accord-table-responsive): each cell
 * carries its column's header as data-label.
 */
export function Table<T>({ caption, showCaption, columns, rows, rowKey }: TableProps<T>) {
  return (
    <table className="nhsuk-table accord-table-responsive">
      <caption className={`nhsuk-table__caption${showCaption ? '' : ' nhsuk-u-visually-hidden'}`}>
        {caption}
      </caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          {columns.map((c) => (
            <th className="nhsuk-table__header" scope="col" key={c.header}>
              {c.hiddenHeader ? <span className="nhsuk-u-visually-hidden">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((row) => (
          <tr className="nhsuk-table__row" key={rowKey(row)}>
            {columns.map((c) => (
              <td
                className={`nhsuk-table__cell${c.nowrap ? ' accord-nowrap' : ''}`}
                data-label={c.hiddenHeader ? undefined : c.header}
                key={c.header}
              >
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
