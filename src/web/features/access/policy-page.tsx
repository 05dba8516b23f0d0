import { Link } from 'react-router';
import { DATA_CATEGORY_LABELS, type DataCategory } from '../../../contracts/enums.ts';
import { FlashBanner } from '../../components/flash-banner.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { SummaryList } from '../../components/summary-list.tsx';
import { STAFF_ROLE_LABELS } from '../../lib/labels.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useHasRole } from '../auth/require-role.tsx';
import { type AccessPolicy, useAccessPolicy } from './access-api.ts';
import { PolicyMatrix, YesNo } from './policy-matrix.tsx';

function RestrictedRules({ policy }: { policy: AccessPolicy }) {
  const rules = Object.entries(policy.restricted) as [
    DataCategory,
    AccessPolicy['restricted'][DataCategory],
  ][];
  if (rules.length === 0) return <p>No categories have extra rules.</p>;
  return (
    <SummaryList
      rows={rules.map(([category, rule]) => ({
        key: DATA_CATEGORY_LABELS[category],
        value: rule
          ? `Only ${rule.viewRoles.map((r) => STAFF_ROLE_LABELS[r].toLowerCase()).join(', ') || 'no role'} may see it. ${
              rule.editRequiresSafeguardingTraining ? 'Changing it needs current safeguarding training.' : ''
            }`
          : '',
      }))}
    />
  );
}

/** Which roles may see which kinds of information, and how long emergency access lasts. */
export function PolicyPage() {
  const policy = useAccessPolicy();
  const hasRole = useHasRole();
  usePageTitle('Access policy');
  return (
    <>
      <FlashBanner />
      <h1>Access policy</h1>
      <p>
        Each role sees only the kinds of information ticked here, and only for people whose care they are part
        of. Agreements, consent and the extra rules below can still refuse what a role would allow.
      </p>
      {policy.isPending ? <Loading /> : null}
      {policy.isError ? <QueryError error={policy.error} /> : null}
      {policy.data ? (
        <>
          {hasRole('ig_lead') ? (
            <Link className="nhsuk-button" to="/access-policy/edit">
              Change the access policy
            </Link>
          ) : null}
          <PolicyMatrix
            caption={`Kinds of information each role may see (policy version ${policy.data.version})`}
            cell={(role, category) => <YesNo yes={(policy.data.tiers[role] ?? []).includes(category)} />}
          />
          <h2>Emergency access</h2>
          <p>
            Emergency (break-glass) access lasts <strong>{policy.data.breakGlassMinutes} minutes</strong>.
          </p>
          <h2>Categories with extra rules</h2>
          <RestrictedRules policy={policy.data} />
        </>
      ) : null}
    </>
  );
}
