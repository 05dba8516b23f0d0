import { Link } from 'react-router';
import { usePerson } from './people-api.ts';

/**
 * A person named by id, through the people route, so the name shows only to those the server lets
 * know the person; anyone else sees that it is not available.
 */
export function PersonName({ personId, to }: { personId: string; to?: string }) {
  const person = usePerson(personId);
  if (person.isError) return <span className="accord-muted">Not available to you</span>;
  const name = person.data ? `${person.data.givenName} ${person.data.familyName}` : 'Loading…';
  return <Link to={to ?? `/people/${personId}`}>{name}</Link>;
}
