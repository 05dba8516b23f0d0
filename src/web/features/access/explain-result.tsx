import { Link } from 'react-router';
import { DATA_CATEGORY_LABELS } from '../../../contracts/enums.ts';
import { SummaryList } from '../../components/summary-list.tsx';
import { Tag } from '../../components/tag.tsx';
import { STAFF_ROLE_LABELS } from '../../lib/labels.ts';
import { ACTION_LABELS, PURPOSE_LABELS } from '../../lib/legal-labels.ts';
import { useOrganisationNames } from '../directory/organisation-options.ts';
import type { Explanation } from './access-api.ts';
import { basisLines, obligationSentence } from './decision-words.ts';

type Answer = Explanation['answers'][number];

function AnswerCard({ answer, personId }: { answer: Answer; personId: string }) {
  const orgName = useOrganisationNames();
  const { decision } = answer;
  const permitted = decision.effect === 'permit';
  const basis = basisLines(decision.basis);
  const headingId = `answer-${answer.owningOrganisationId}`;
  return (
    <section className="nhsuk-card accord-answer" aria-labelledby={headingId} data-effect={decision.effect}>
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-m" id={headingId}>
          {answer.owningOrganisationName}’s information{' '}
          {permitted ? <Tag colour="green">Permitted</Tag> : <Tag colour="red">Not permitted</Tag>}
        </h3>
        {answer.entries === null ? null : (
          <p className="nhsuk-body-s accord-muted">
            {answer.entries} {answer.entries === 1 ? 'entry' : 'entries'} recorded by this organisation.
          </p>
        )}
        <h4 className="nhsuk-heading-s">{permitted ? 'Why it is permitted' : 'Why it is not permitted'}</h4>
        <ul className="nhsuk-list nhsuk-list--bullet">
          {decision.reasons.map((r) => (
            <li key={r.code}>{r.message}</li>
          ))}
        </ul>
        {basis.length > 0 ? (
          <>
            <h4 className="nhsuk-heading-s">What it relies on</h4>
            <SummaryList
              rows={basis.map((line) => ({
                key: line.key,
                value: line.link ? (
                  <>
                    {line.value}{' '}
                    <Link
                      to={
                        line.link.kind === 'agreement'
                          ? `/agreements/${line.link.id}`
                          : `/people/${personId}/consent`
                      }
                    >
                      View<span className="nhsuk-u-visually-hidden"> {line.key.toLowerCase()}</span>
                    </Link>
                  </>
                ) : (
                  line.value
                ),
              }))}
            />
          </>
        ) : null}
        {decision.obligations.length > 0 ? (
          <>
            <h4 className="nhsuk-heading-s">What must happen with it</h4>
            <ul className="nhsuk-list nhsuk-list--bullet">
              {decision.obligations.map((o) => (
                <li key={JSON.stringify(o)}>{obligationSentence(o, orgName)}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </section>
  );
}

/** The decision function's answer for each organisation holding the category, in the server's words. */
export function ExplainResult({ explanation, personId }: { explanation: Explanation; personId: string }) {
  const { staff } = explanation;
  return (
    <section className="accord-explain-result" aria-labelledby="explain-result-heading">
      <h2 id="explain-result-heading">
        Could {staff.displayName} see {DATA_CATEGORY_LABELS[explanation.category].toLowerCase()}?
      </h2>
      <p>
        {staff.displayName}, {staff.organisationName} (
        {staff.roles.map((r) => STAFF_ROLE_LABELS[r]).join(', ')}
        ). Purpose: {PURPOSE_LABELS[explanation.purpose].toLowerCase()}. Action:{' '}
        {ACTION_LABELS[explanation.action].toLowerCase()}.
      </p>
      {explanation.answers.length === 0 ? (
        <p>
          No organisation holds information of this kind about this person, so there is nothing to decide.
        </p>
      ) : (
        explanation.answers.map((a) => (
          <AnswerCard key={a.owningOrganisationId} answer={a} personId={personId} />
        ))
      )}
    </section>
  );
}
