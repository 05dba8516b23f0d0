import type { ReactNode } from 'react';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { BreakGlassBanner } from '../access/break-glass-banner.tsx';
import { usePerson } from './people-api.ts';
import { PersonBanner } from './person-banner.tsx';

/**
 * The person header every page about one person starts with: the live emergency-access banner when
 * the caller holds a grant, then the person banner with consent. `children` render once the person is
 * known (the server said the caller may know them), or always when `optional`.
 */
export function PersonHeader({
  personId,
  optional = false,
  children,
}: {
  personId: string;
  /** Show `children` even when the caller may not open the record (an IG lead reading a report). */
  optional?: boolean;
  children?: ReactNode;
}) {
  const person = usePerson(personId);
  if (person.isPending) return <Loading what="Loading the record" />;
  if (person.isError) return optional ? children : <QueryError error={person.error} />;
  return (
    <>
      {person.data.breakGlass ? (
        <BreakGlassBanner personId={personId} grant={person.data.breakGlass} />
      ) : null}
      <PersonBanner person={person.data} compact />
      {children}
    </>
  );
}
