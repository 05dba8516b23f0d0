import { useState } from 'react';
import { useNavigate } from 'react-router';
import { BackLink } from '../../components/back-link.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { flash } from '../../components/flash-banner.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useDirectoryMutations } from './directory-api.ts';
import { ORGANISATION_LABELS, OrganisationForm } from './organisation-form.tsx';

/** Registers a new organisation of the partnership. */
export function OrganisationNewPage() {
  const navigate = useNavigate();
  const { createOrganisation } = useDirectoryMutations();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Add an organisation', errors.summary.length > 0);
  return (
    <>
      <BackLink to="/admin/organisations">Back to organisations</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors.summary} />
          <h1>Add an organisation</h1>
          <OrganisationForm
            errors={errors}
            submitLabel="Add organisation"
            onInvalid={setErrors}
            onSubmit={(input) =>
              createOrganisation.mutate(input, {
                onSuccess: (org) => navigate(`/admin/organisations/${org.id}`, flash(`${org.name} added.`)),
                onError: (error) => setErrors(formErrorsFrom(error, ORGANISATION_LABELS, 'organisation')),
              })
            }
          />
        </div>
      </div>
    </>
  );
}
