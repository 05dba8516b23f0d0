import { useState } from 'react';
import { STAFF_ROLES, type StaffRole } from '../../../contracts/enums.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Select } from '../../components/select.tsx';
import { STAFF_ROLE_LABELS } from '../../lib/labels.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useOrganisations } from '../directory/directory-api.ts';
import { useGuide } from './guide-api.ts';
import { GuideDocument } from './guide-document.tsx';

/** Any organisation's guide for any role: what IG leads and service managers answer questions from. */
export function GuideViewPage() {
  usePageTitle('Guides by organisation and role');
  const organisations = useOrganisations();
  const [organisationId, setOrganisationId] = useState('');
  const [role, setRole] = useState<StaffRole | ''>('');
  const guide = useGuide(organisationId, role);
  return (
    <>
      <BackLink to="/guide">What we share and when</BackLink>
      <h1>Guides by organisation and role</h1>
      <div className="accord-no-print">
        <Select
          id="guide-organisation"
          label="Organisation"
          value={organisationId}
          onChange={setOrganisationId}
          placeholder="Choose an organisation"
          options={(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
        />
        <Select
          id="guide-role"
          label="Role"
          value={role}
          onChange={(v) => setRole(STAFF_ROLES.find((r) => r === v) ?? '')}
          placeholder="Choose a role"
          options={STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }))}
        />
      </div>
      {guide.isFetching ? <Loading /> : null}
      {guide.isError ? <QueryError error={guide.error} /> : null}
      {guide.data ? <GuideDocument guide={guide.data} /> : null}
    </>
  );
}
