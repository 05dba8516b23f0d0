import { Link } from 'react-router';
import { ArrowLeft, ArrowRight } from './icons.tsx';

/** Pages to list: the first, the last and two either side of the current, with gaps as null. */
export function pageWindow(current: number, last: number): (number | null)[] {
  const pages: (number | null)[] = [];
  for (let p = 1; p <= last; p++) {
    if (p === 1 || p === last || Math.abs(p - current) <= 2) pages.push(p);
    else if (pages.at(-1) !== null) pages.push(null);
  }
  return pages;
}

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  /** The link to a page, e.g. `?q=smith&page=3`. */
  hrefFor: (page: number) => string;
  /** What is being counted, plural: "people". */
  noun: string;
  /** False when `total` is a lower bound (the server stopped counting); pages then run to the next one known. */
  totalExact?: boolean;
  /** Whether a page follows this one, when the total is not exact. */
  hasMore?: boolean;
}

/** The NHS.UK numbered pagination with a "Showing 26 to 50 of 120 people" line. */
export function Pagination({
  page,
  pageSize,
  total,
  hrefFor,
  noun,
  totalExact = true,
  hasMore = false,
}: PaginationProps) {
  const last = totalExact ? Math.max(1, Math.ceil(total / pageSize)) : hasMore ? page + 1 : page;
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = totalExact ? Math.min(total, page * pageSize) : page * pageSize;
  const count = totalExact
    ? `Showing ${from} to ${to} of ${total} ${noun}`
    : `Showing ${from} to ${to} of more than ${total.toLocaleString('en-GB')} ${noun}`;
  return (
    <>
      <p className="nhsuk-body-s accord-count" aria-live="polite">
        {total === 0 ? `No ${noun} found` : count}
      </p>
      {last > 1 ? (
        <nav className="nhsuk-pagination nhsuk-pagination--numbered" aria-label={`Pages of ${noun}`}>
          {page > 1 ? (
            <Link to={hrefFor(page - 1)} className="nhsuk-pagination__previous" rel="prev">
              <ArrowLeft />
              <span className="nhsuk-pagination__title">
                Previous<span className="nhsuk-u-visually-hidden"> page</span>
              </span>
            </Link>
          ) : null}
          <ul className="nhsuk-pagination__list">
            {pageWindow(page, last).map((p, i) =>
              p === null ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: gaps have no identity but their position
                <li className="nhsuk-pagination__item nhsuk-pagination__item--ellipsis" key={`gap-${i}`}>
                  ⋯
                </li>
              ) : (
                <li
                  className={`nhsuk-pagination__item${p === page ? ' nhsuk-pagination__item--current' : ''}`}
                  key={p}
                >
                  <Link
                    className="nhsuk-pagination__link"
                    to={hrefFor(p)}
                    aria-label={`Page ${p}`}
                    aria-current={p === page ? 'page' : undefined}
                  >
                    {p}
                  </Link>
                </li>
              ),
            )}
          </ul>
          {page < last ? (
            <Link to={hrefFor(page + 1)} className="nhsuk-pagination__next" rel="next">
              <span className="nhsuk-pagination__title">
                Next<span className="nhsuk-u-visually-hidden"> page</span>
              </span>
              <ArrowRight />
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
