import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { PersonDetail } from '../../../contracts/people.ts';
import { BackLink } from '../../components/back-link.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { NotFoundContent } from '../../components/not-found-content.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import type { FormErrors } from '../../lib/form-errors.ts';

/**
 * The frame of a form about one person: a link back to the record, the person's loading state, the
 * error summary first, and a heading captioned with the person's name.
 */
export function PersonFormFrame({
  personId,
  person,
  errors,
  heading,
  found = true,
  children,
}: {
  personId: string;
  person: UseQueryResult<PersonDetail>;
  errors: FormErrors;
  heading: string;
  /** False when what the form is about is not in the record the caller sees: the not-found page. */
  found?: boolean;
  children: (person: PersonDetail) => ReactNode;
}) {
  return (
    <>
      <BackLink to={`/people/${personId}`}>Back to the record</BackLink>
      {person.isPending ? <Loading /> : null}
      {person.isError ? <QueryError error={person.error} /> : null}
      {person.data && !found ? <NotFoundContent /> : null}
      {person.data && found ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <ErrorSummary errors={errors.summary} />
            <h1>
              <span className="nhsuk-caption-l">
                {person.data.givenName} {person.data.familyName}
                <span className="nhsuk-u-visually-hidden"> – </span>
              </span>
              {heading}
            </h1>
            {children(person.data)}
          </div>
        </div>
      ) : null}
    </>
  );
}
