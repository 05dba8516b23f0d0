import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { BackLink } from '../../components/back-link.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { flash } from '../../components/flash-banner.tsx';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useDirectoryMutations } from './directory-api.ts';
import { useOrganisationOptions } from './organisation-options.ts';

const LABELS = { organisationId: 'Organisation', name: 'Name', serviceType: 'Service type' };

/** Adds a team to an organisation. */
export function TeamNewPage() {
  const navigate = useNavigate();
  const organisations = useOrganisationOptions();
  const { createTeam } = useDirectoryMutations();
  const [organisationId, setOrganisationId] = useState('');
  const [name, setName] = useState('');
  const [serviceType, setServiceType] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Add a team', errors.summary.length > 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!organisationId) {
      const message = 'Choose the organisation the team belongs to';
      return setErrors({
        summary: [{ message, fieldId: 'team-organisationId' }],
        fields: { organisationId: message },
      });
    }
    createTeam.mutate(
      { organisationId, name, serviceType: serviceType.trim() === '' ? null : serviceType },
      {
        onSuccess: (team) =>
          navigate('/admin/teams', flash(`${team.name} added to ${team.organisationName}.`)),
        onError: (error) => setErrors(formErrorsFrom(error, LABELS, 'team')),
      },
    );
  };

  return (
    <>
      <BackLink to="/admin/teams">Back to teams</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors.summary} />
          <h1>Add a team</h1>
          <form onSubmit={submit} noValidate>
            <Select
              id="team-organisationId"
              label="Organisation"
              value={organisationId}
              onChange={setOrganisationId}
              placeholder={organisations.loading ? 'Loading organisations…' : 'Choose an organisation'}
              options={organisations.options}
              error={errors.fields.organisationId}
            />
            <TextInput
              id="team-name"
              label="Name"
              value={name}
              onChange={setName}
              error={errors.fields.name}
            />
            <TextInput
              id="team-serviceType"
              label="Service type (optional)"
              hint="For example, community mental health team or tenancy sustainment"
              value={serviceType}
              onChange={setServiceType}
              error={errors.fields.serviceType}
            />
            <button className="nhsuk-button" type="submit">
              Add team
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
