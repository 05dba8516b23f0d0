import type { StaffRole } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';
import type { Principal } from './auth.ts';

/** Loads everything a principal needs about a staff member; null when unknown. */
export async function loadPrincipal(
  db: Db,
  staffId: string,
  via: Principal['via'],
  session: { id: string; csrfToken: string } | null,
  today: string,
): Promise<Principal | null> {
  const staff = await db.selectFrom('staff').selectAll().where('id', '=', staffId).executeTakeFirst();
  if (!staff) return null;
  const [roles, teams, training] = await Promise.all([
    db.selectFrom('staff_roles').select('role').where('staff_id', '=', staffId).execute(),
    db.selectFrom('staff_teams').select('team_id').where('staff_id', '=', staffId).execute(),
    db
      .selectFrom('training_records')
      .select(['kind', 'expires_on'])
      .where('staff_id', '=', staffId)
      .execute(),
  ]);
  const ig = training.filter((t) => t.kind === 'IG_ANNUAL').map((t) => t.expires_on);
  const safeguarding = training.some((t) => t.kind === 'SAFEGUARDING_ADULTS' && t.expires_on >= today);
  return {
    staffId: staff.id,
    organisationId: staff.organisation_id,
    username: staff.username,
    displayName: staff.display_name,
    roles: roles.map((r) => r.role as StaffRole),
    teamIds: teams.map((t) => t.team_id),
    active: staff.active === 1,
    igTrainingExpiresOn: ig.length > 0 ? (ig.sort().at(-1) ?? null) : null,
    safeguardingTrained: safeguarding,
    via,
    sessionId: session?.id ?? null,
    csrfToken: session?.csrfToken ?? null,
  };
}
