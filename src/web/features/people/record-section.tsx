import { Link } from 'react-router';
import type { RecordEntry, RecordSection as Section } from '../../../contracts/people.ts';
import { Tag } from '../../components/tag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { WITHHELD_HEADING_ID } from './withheld-summary.tsx';

interface SectionProps {
  personId: string;
  section: Section;
  /** The caller may add entries of this category (the server said so). */
  canAdd: boolean;
  /** Whether the caller may amend an entry (derived from what the server granted). */
  canAmend: (entry: RecordEntry) => boolean;
}

/** Points from a partly withheld section to the one summary of what is not shown and why. */
function PartlyWithheld() {
  return (
    <p className="nhsuk-body-s accord-muted accord-withheld">
      Some entries in this section are not shown to you.{' '}
      <a href={`#${WITHHELD_HEADING_ID}`}>Why, and who to ask</a>
    </p>
  );
}

function Entry({ personId, entry, canAmend }: { personId: string; entry: RecordEntry; canAmend: boolean }) {
  const base = `/people/${personId}/entries/${entry.id}`;
  return (
    <article className="accord-entry" aria-labelledby={`entry-${entry.id}`}>
      <h3 className="nhsuk-heading-s accord-entry__title" id={`entry-${entry.id}`}>
        {entry.title}
        {entry.amended ? (
          <>
            {' '}
            <Tag colour="yellow">Amended</Tag>
          </>
        ) : null}
      </h3>
      <p className="accord-entry__body">{entry.body}</p>
      <p className="nhsuk-body-s accord-entry__meta">
        {entry.authorName}, {entry.organisationName}, {formatDateTime(entry.recordedAt)}
        {entry.amended ? (
          <>
            {' · '}
            <Link to={`${base}/versions`}>
              Earlier versions<span className="nhsuk-u-visually-hidden"> of {entry.title}</span>
            </Link>
          </>
        ) : null}
        {canAmend ? (
          <>
            {' · '}
            <Link to={`${base}/amend`}>
              Amend<span className="nhsuk-u-visually-hidden"> {entry.title}</span>
            </Link>
          </>
        ) : null}
      </p>
    </article>
  );
}

const STATUS_TAG = { shown: null, partial: 'Partly not shown', withheld: 'Not shown' } as const;

/** One data category of a person's record, as an NHS.UK card; wholly withheld ones are in the summary instead. */
export function RecordSection({ personId, section, canAdd, canAmend }: SectionProps) {
  const tag = STATUS_TAG[section.status];
  const headingId = `section-${section.category.toLowerCase()}`;
  return (
    <section className="nhsuk-card accord-section" aria-labelledby={headingId} data-status={section.status}>
      <div className="nhsuk-card__heading-container">
        <h2 className="nhsuk-card__heading nhsuk-heading-m" id={headingId}>
          {section.label}
          {tag ? (
            <>
              {' '}
              <Tag colour="grey">{tag}</Tag>
            </>
          ) : null}
        </h2>
        {canAdd ? (
          <div className="nhsuk-card__actions">
            <Link to={`/people/${personId}/entries/new?category=${section.category}`}>
              Add entry<span className="nhsuk-u-visually-hidden"> to {section.label}</span>
            </Link>
          </div>
        ) : null}
      </div>
      <div className="nhsuk-card__content">
        {section.entries.map((entry) => (
          <Entry key={entry.id} personId={personId} entry={entry} canAmend={canAmend(entry)} />
        ))}
        {section.status === 'shown' && section.entries.length === 0 ? (
          <p className="accord-muted">Nothing recorded.</p>
        ) : null}
        {section.status === 'partial' ? <PartlyWithheld /> : null}
      </div>
    </section>
  );
}
