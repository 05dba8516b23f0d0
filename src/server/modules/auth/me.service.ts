import type { Me } from '../../../contracts/auth.ts';
import type { OrganisationType } from '../../../contracts/enums.ts';
import type { Database } from '../../db/database.ts';
import { UnauthenticatedError } from '../../http/errors.ts';
import { loadPrincipal } from './auth.repository.ts';
import { hasAnyRole } from './auth.ts';

/** The caller's profile, with the CSRF token their browser must echo on writes. */
export async function describeMe(
  database: Database,
  staffId: string,
  csrfToken: string | null,
  now: Date,
): Promise<Me> {
  const { db } = database;
  const principal = await loadPrincipal(db, staffId, 'session', null, now.toISOString().slice(0, 10));
  if (!principal) throw new UnauthenticatedError();
  const [staff, org, teams] = await Promise.all([
    db.selectFrom('staff').select(['job_title']).where('id', '=', staffId).executeTakeFirstOrThrow(),
    db
      .selectFrom('organisations')
      .select(['id', 'name', 'type'])
      .where('id', '=', principal.organisationId)
      .executeTakeFirstOrThrow(),
    principal.teamIds.length > 0
      ? db
          .selectFrom('teams')
          .select(['id', 'name'])
          .where('id', 'in', [...principal.teamIds])
          .orderBy('name')
          .execute()
      : Promise.resolve([]),
  ]);
  return {
    id: principal.staffId,
    username: principal.username,
    displayName: principal.displayName,
    jobTitle: staff.job_title,
    organisation: { id: org.id, name: org.name, type: org.type as OrganisationType },
    roles: [...principal.roles],
    teams,
    igTrainingExpiresOn: principal.igTrainingExpiresOn,
    csrfToken,
    can: { administer: hasAnyRole(principal, ['system_admin']) },
  };
}
