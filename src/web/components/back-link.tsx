import { Link } from 'react-router';

/** The NHS.UK back link, to a known place rather than browser history. */
export function BackLink({ to, children }: { to: string; children: string }) {
  return (
    <Link className="nhsuk-back-link" to={to}>
      {children}
    </Link>
  );
}
