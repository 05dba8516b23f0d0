import { Link, useLocation, useNavigate } from 'react-router';
import type { Me } from '../../contracts/auth.ts';
import type { StaffRole } from '../../contracts/enums.ts';
import { useSignOut } from '../features/auth/auth-api.ts';
import { NhsLogo, UserIcon } from './icons.tsx';

interface NavItem {
  to: string;
  label: string;
}

/** Governance pages by role, in the order the menu lists them (ARCHITECTURE.md's role catalogue). */
const ROLE_ITEMS: readonly { roles: readonly StaffRole[]; item: NavItem }[] = [
  { roles: ['duty'], item: { to: '/emergency-access', label: 'Emergency access' } },
  { roles: ['safeguarding_lead'], item: { to: '/safeguarding/huddle', label: 'Safeguarding huddle' } },
  { roles: ['care_manager'], item: { to: '/consent-reviews', label: 'Consent reviews' } },
  { roles: ['service_manager'], item: { to: '/access-reviews', label: 'Access reviews' } },
  {
    roles: ['service_manager', 'ig_lead', 'system_admin'],
    item: { to: '/role-requests', label: 'Role requests' },
  },
  { roles: ['ig_lead'], item: { to: '/audit', label: 'Audit' } },
  { roles: ['ig_lead'], item: { to: '/cases', label: 'Cases' } },
  { roles: ['ig_lead'], item: { to: '/exception-reviews', label: 'Exception reviews' } },
  { roles: ['ig_lead'], item: { to: '/agreements', label: 'Agreements' } },
  { roles: ['ig_lead'], item: { to: '/access-policy', label: 'Access policy' } },
  { roles: ['ig_lead'], item: { to: '/explain', label: 'Explain' } },
  { roles: ['commissioner', 'ig_lead', 'service_manager'], item: { to: '/reporting', label: 'Reporting' } },
  {
    roles: [
      'frontline',
      'care_manager',
      'clinical',
      'duty',
      'safeguarding_lead',
      'service_manager',
      'ig_lead',
    ],
    item: { to: '/guide', label: 'What we share' },
  },
];

function navItems(me: Me): NavItem[] {
  const adminOnly = me.roles.every((r) => r === 'system_admin');
  const items: NavItem[] = adminOnly
    ? [{ to: '/people', label: 'Caseload' }]
    : [
        { to: '/worklist', label: 'Worklist' },
        { to: '/people', label: 'Caseload' },
        { to: '/handovers', label: 'Handovers' },
      ];
  for (const { roles, item } of ROLE_ITEMS) if (me.roles.some((r) => roles.includes(r))) items.push(item);
  if (me.can.administer) {
    items.push(
      { to: '/admin/organisations', label: 'Organisations' },
      { to: '/admin/teams', label: 'Teams' },
      { to: '/admin/staff', label: 'Staff' },
    );
  }
  return items;
}

function Account({ me }: { me: Me }) {
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <nav className="nhsuk-header__account" aria-label="Account">
      <ul className="nhsuk-header__account-list">
        <li className="nhsuk-header__account-item">
          <UserIcon />
          <span>
            {me.displayName}
            <span className="accord-header__organisation">{me.organisation.name}</span>
          </span>
        </li>
        <li className="nhsuk-header__account-item">
          <button
            className="nhsuk-header__account-button"
            type="button"
            onClick={() =>
              signOut.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) })
            }
          >
            Sign out
          </button>
        </li>
      </ul>
    </nav>
  );
}

/** The NHS.UK header: logo and service name, the signed-in user with sign-out, and the main navigation. */
export function Header({ me }: { me: Me | null }) {
  const { pathname } = useLocation();
  return (
    <header className="nhsuk-header">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-logo" to="/" aria-label="Accord home">
            <NhsLogo />
            <span className="nhsuk-header__service-name">Accord</span>
          </Link>
        </div>
        {me ? <Account me={me} /> : null}
      </div>
      {me ? (
        <nav className="nhsuk-header__navigation" aria-label="Main">
          <div className="nhsuk-header__navigation-container nhsuk-width-container">
            <ul className="nhsuk-header__navigation-list">
              {navItems(me).map((item) => {
                const current = pathname === item.to || pathname.startsWith(`${item.to}/`);
                return (
                  <li
                    key={item.to}
                    className={`nhsuk-header__navigation-item${current ? ' nhsuk-header__navigation-item--current' : ''}`}
                  >
                    <Link
                      className="nhsuk-header__navigation-link"
                      to={item.to}
                      aria-current={current ? (pathname === item.to ? 'page' : 'true') : undefined}
                    >
                      {current ? (
                        <strong className="nhsuk-header__navigation-item-current-fallback">
                          {item.label}
                        </strong>
                      ) : (
                        item.label
                      )}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        </nav>
      ) : null}
    </header>
  );
}
