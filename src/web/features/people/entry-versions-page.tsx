import { useParams } from 'react-router';
import { BackLink } from '../../components/back-link.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { type EntryVersion, useEntryVersions, usePerson } from './people-api.ts';

function Version({ version, current }: { version: EntryVersion; current: boolean }) {
  return (
    <section className="nhsuk-card" aria-labelledby={`version-${version.version}`}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m" id={`version-${version.version}`}>
          Version {version.version}
          {current ? (
            <>
              {' '}
              <Tag colour="green">Current</Tag>
            </>
          ) : null}
        </h2>
        <dl className="nhsuk-summary-list">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Title</dt>
            <dd className="nhsuk-summary-list__value">{version.title}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Entry</dt>
            <dd className="nhsuk-summary-list__value accord-entry__body">{version.body}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Recorded by</dt>
            <dd className="nhsuk-summary-list__value">
              {version.authorName}, {formatDateTime(version.recordedAt)}
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Reason for change</dt>
            <dd className="nhsuk-summary-list__value">{version.amendmentReason ?? 'First version'}</dd>
          </div>
        </dl>
      </div>
    </section>
  );
}

/** Every version of an entry, newest first, with who changed it and why. */
export function EntryVersionsPage() {
  const { personId = '', entryId = '' } = useParams();
  const person = usePerson(personId);
  const versions = useEntryVersions(personId, entryId);
  const newestFirst = [...(versions.data ?? [])].sort((a, b) => b.version - a.version);
  usePageTitle(titleOf(versions, () => 'Versions of an entry'));
  return (
    <>
      <BackLink to={`/people/${personId}`}>Back to the record</BackLink>
      {versions.isPending ? <Loading /> : null}
      {versions.isError ? <QueryError error={versions.error} /> : null}
      {versions.data ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h1>
              {person.data ? (
                <span className="nhsuk-caption-l">
                  {person.data.givenName} {person.data.familyName}
                  <span className="nhsuk-u-visually-hidden"> – </span>
                </span>
              ) : null}
              Versions of an entry
            </h1>
            {newestFirst.map((v, i) => (
              <Version key={v.version} version={v} current={i === 0} />
            ))}
          </div>
        </div>
      ) : null}
    </>
  );
}
