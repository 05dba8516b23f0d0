import { Link, useLocation } from 'react-router';

/** One link of a section's own navigation. */
export interface SubNavItem {
  to: string;
  label: string;
}

/**
 * Links between the pages of one area (e.g. the audit log's entries, activity and integrity), with
 * the current page marked by aria-current and by weight, not colour alone.
 */
export function SubNav({ label, items }: { label: string; items: readonly SubNavItem[] }) {
  const { pathname } = useLocation();
  return (
    <nav className="accord-subnav" aria-label={label}>
      <ul className="accord-subnav__list">
        {items.map((item) => {
          const current = pathname === item.to;
          return (
            <li className="accord-subnav__item" key={item.to}>
              <Link
                className={`accord-subnav__link${current ? ' accord-subnav__link--current' : ''}`}
                to={item.to}
                aria-current={current ? 'page' : undefined}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
