import { Link, useParams } from 'react-router';
import type { Agreement } from '../../../contracts/agreements.ts';
import { BackLink } from '../../components/back-link.tsx';
import { FlashBanner } from '../../components/flash-banner.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { AgreementLifecyclePanel } from './agreement-lifecycle-panel.tsx';
import { AgreementStatusForm } from './agreement-status-form.tsx';
import { AgreementTerms } from './agreement-terms.tsx';
import { fieldWords } from './agreement-words.ts';
import { useAgreement } from './agreements-api.ts';
import { AgreementTags } from './agreements-page.tsx';

function Missing({ agreement }: { agreement: Agreement }) {
  if (agreement.missingForActivation.length === 0 || agreement.status === 'terminated') return null;
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>Before this agreement can be active, complete:</p>
      <ul className="nhsuk-list nhsuk-list--bullet accord-columns">
        {agreement.missingForActivation.map((path) => (
          <li key={path}>{fieldWords(path)}</li>
        ))}
      </ul>
    </div>
  );
}

/** One agreement: its terms, versions and the lifecycle actions the server allows the caller. */
export function AgreementPage() {
  const { agreementId = '' } = useParams();
  const agreement = useAgreement(agreementId);
  usePageTitle(titleOf(agreement, (a) => a.title));
  return (
    <>
      <BackLink to="/agreements">Back to agreements</BackLink>
      <FlashBanner />
      {agreement.isPending ? <Loading /> : null}
      {agreement.isError ? <QueryError error={agreement.error} /> : null}
      {agreement.data ? (
        <>
          <h1>
            <span className="nhsuk-caption-l">
              {agreement.data.reference}, version {agreement.data.version}
              <span className="nhsuk-u-visually-hidden"> – </span>
            </span>
            {agreement.data.title} <AgreementTags agreement={agreement.data} />
          </h1>
          <Missing agreement={agreement.data} />
          {agreement.data.can.amend ? (
            <Link
              className="nhsuk-button nhsuk-button--secondary"
              to={`/agreements/${agreement.data.id}/edit`}
            >
              Amend the agreement
            </Link>
          ) : null}
          <AgreementLifecyclePanel agreement={agreement.data} />
          <AgreementStatusForm agreement={agreement.data} />
          <AgreementTerms agreement={agreement.data} />
        </>
      ) : null}
    </>
  );
}
