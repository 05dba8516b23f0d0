import { useState } from 'react';
import { useParams } from 'react-router';
import { BackLink } from '../../components/back-link.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { FlashBanner } from '../../components/flash-banner.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { useDirectoryMutations, useOrganisation } from './directory-api.ts';
import { GovernanceRoles } from './governance-roles.tsx';
import { ORGANISATION_LABELS, OrganisationForm } from './organisation-form.tsx';

/** One organisation: edit its details and name its governance role holders. */
export function OrganisationPage() {
  const { organisationId = '' } = useParams();
  const organisation = useOrganisation(organisationId);
  const { updateOrganisation } = useDirectoryMutations();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  usePageTitle(
    titleOf(organisation, (o) => o.name),
    errors.summary.length > 0,
  );
  const org = organisation.data;
  return (
    <>
      <BackLink to="/admin/organisations">Back to organisations</BackLink>
      <FlashBanner />
      {organisation.isPending ? <Loading /> : null}
      {organisation.isError ? <QueryError error={organisation.error} /> : null}
      {org ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <ErrorSummary errors={errors.summary} />
            <h1>{org.name}</h1>
            <h2>Details</h2>
            {saved ? (
              <p className="accord-confirmation" role="status">
                Details saved.
              </p>
            ) : null}
            <OrganisationForm
              key={org.id}
              initial={{ name: org.name, type: org.type, odsCode: org.odsCode }}
              errors={errors}
              submitLabel="Save details"
              onInvalid={setErrors}
              onSubmit={(input) => {
                setSaved(false);
                updateOrganisation.mutate(
                  { id: org.id, ...input },
                  {
                    onSuccess: () => {
                      setErrors(NO_ERRORS);
                      setSaved(true);
                    },
                    onError: (error) => setErrors(formErrorsFrom(error, ORGANISATION_LABELS, 'organisation')),
                  },
                );
              }}
            />
            <GovernanceRoles organisation={org} />
          </div>
        </div>
      ) : null}
    </>
  );
}
