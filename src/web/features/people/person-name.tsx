import { Link } from 'react-router';
import { Tag } from '../../components/tag.tsx';
import { usePersonHeader } from './people-api.ts';

/**
 * A person named by id through a header read: the name shows only to those the server lets know
 * the person, and naming them opens nothing of their record; anyone else sees that it is not
 * available.
 */
export function PersonName({ personId, to }: { personId: string; to?: string }) {
  const header = usePersonHeader(personId);
  if (header.isError || header.data === null)
    return <span className="accord-muted">Not available to you</span>;
  const name = header.data ? `${header.data.givenName} ${header.data.familyName}` : 'Loading…';
  return (
    <>
      <Link to={to ?? `/people/${personId}`}>{name}</Link>
      {header.data?.safeguarding ? (
        <>
          {' '}
          <Tag colour="orange">Safeguarding</Tag>
        </>
      ) : null}
    </>
  );
}
