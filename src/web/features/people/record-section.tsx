import { Link } from 'react-router';
import type { RecordEntry, RecordSection as Section } from '../../../contracts/people.ts';
import { Tag } from '../../components/tag.tsx';
import { formatDateTime } from '../../lib/format.ts';

interface SectionProps {
  personId: string;
  section: Section;
  /** The caller may add entries of this category (the server said so). */
  canAdd: boolean;
  /** Whether the caller may amend an entry (derived from what the server granted). */
  canAmend: (entry: RecordEntry) => boolean;
}

/** Says what was withheld and why, in the server's words; it never supplies a reason of its own. */
function Withheld({ section }: { section: Section }) {
  const count =
    section.withheldCount > 0
      ? ` (${section.withheldCount} ${section.withheldCount === 1 ? 'entry' : 'entries'})`
      : '';
  const lead = section.status === 'partial' ? `Some entries were withheld${count}` : `Withheld${count}`;
  const reasons = section.withheldReasons;
  return (
    <div className="nhsuk-inset-text accord-withheld">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      {reasons.length === 0 ? <p>{lead}.</p> : null}
      {reasons.length === 1 ? (
        <p>
          {lead}: {reasons[0]?.message}
        </p>
      ) : null}
      {reasons.length > 1 ? (
        <>
          <p>{lead}:</p>
          <ul>
            {reasons.map((r) => (
              <li key={r.code}>{r.message}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
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

const STATUS_TAG = { shown: null, partial: 'Partly withheld', withheld: 'Withheld' } as const;

/** One data category of a person's record, as an NHS.UK card. */
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
        {section.status !== 'shown' ? <Withheld section={section} /> : null}
      </div>
    </section>
  );
}
