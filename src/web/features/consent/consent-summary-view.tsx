import type { ConsentSummaryDto } from '../../../contracts/consent.ts';
import { DATA_CATEGORIES, DATA_CATEGORY_LABELS, type DataCategory } from '../../../contracts/enums.ts';
import { type Column, Table } from '../../components/table.tsx';

type Partner = ConsentSummaryDto['partners'][number];

const categories = (list: readonly DataCategory[]): string => {
  if (list.length === 0) return 'Nothing';
  if (list.length === DATA_CATEGORIES.length) return 'All information';
  return list.map((c) => DATA_CATEGORY_LABELS[c]).join(', ');
};

const COLUMNS: readonly Column<Partner>[] = [
  { header: 'Organisation', cell: (p) => p.organisationName },
  { header: 'On the care team', cell: (p) => (p.onCareTeam ? 'Yes' : 'No') },
  { header: 'May see', cell: (p) => categories(p.sees) },
  { header: 'Never sees', cell: (p) => categories(p.never) },
];

/**
 * What a consent means, in the server's sentences (computed with the decision function's deny-wins
 * rule), per partner, and how any contradictory choices were resolved.
 */
export function ConsentSummaryView({
  summary,
  headingLevel = 2,
}: {
  summary: ConsentSummaryDto;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="accord-consent-summary" data-testid="consent-summary">
      <p className="nhsuk-body-l">{summary.headline}</p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {summary.sentences
          .filter((s) => s !== summary.headline && s !== summary.everyoneElse)
          .map((s) => (
            <li key={s}>{s}</li>
          ))}
      </ul>
      {summary.contradictions.length > 0 ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <Heading className="nhsuk-heading-s">Choices that contradict each other</Heading>
          <p>When a choice allows sharing and another forbids it, the restriction wins.</p>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {summary.contradictions.map((c) => (
              <li key={`${c.permitIndex}-${c.restrictionIndex}`}>{c.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {summary.partners.length > 0 ? (
        <Table
          caption="What each organisation may see"
          showCaption
          columns={COLUMNS}
          rows={summary.partners}
          rowKey={(p) => p.organisationId}
        />
      ) : null}
      <p>{summary.everyoneElse}</p>
    </div>
  );
}
