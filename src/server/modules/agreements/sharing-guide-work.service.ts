/**
 * Staff awareness of their guides: a missing, lapsed or outdated acknowledgement is work for the
 * staff member; IG leads and service managers see where their organisation's staff stand.
 */
import type { StaffRole } from '../../../contracts/enums.ts';
import type { AcknowledgementState } from '../../../contracts/sharing-guide.ts';
import { ForbiddenError } from '../../http/errors.ts';
import type { ServiceContext } from '../../service-context.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { SHARING_ROLES } from './agreement-lifecycle.ts';
import { ukToday } from './agreements.ts';
import {
  findLatestGuideAcknowledgement,
  findOrganisationAcknowledgements,
  findStaffWithRoles,
} from './sharing-guide.repository.ts';
import { generateGuide, sharingRolesOf } from './sharing-guide.service.ts';
import { acknowledgementState } from './sharing-guide.ts';

/** A guide the caller must (re-)acknowledge, for the worklist. */
export interface DueGuideAcknowledgement {
  readonly role: StaffRole;
  readonly state: Exclude<AcknowledgementState, 'current'>;
  /** The day it lapsed, or today when missing or changed. */
  readonly dueOn: string;
  readonly overdue: boolean;
}

/** The caller's guides whose acknowledgement is not current. */
export async function dueGuideAcknowledgementsFor(ctx: ServiceContext): Promise<DueGuideAcknowledgement[]> {
  const roles = sharingRolesOf(ctx);
  if (roles.length === 0) return [];
  const p = ctx.principal;
  const today = ukToday(ctx.now);
  const out: DueGuideAcknowledgement[] = [];
  for (const role of roles) {
    const [guide, latest] = await Promise.all([
      generateGuide(ctx.database.db, p.organisationId, role, today),
      findLatestGuideAcknowledgement(ctx.database.db, p.staffId, p.organisationId, role),
    ]);
    const state = acknowledgementState(
      latest && { fingerprint: latest.fingerprint, lapsesOn: latest.lapses_on },
      guide.fingerprint,
      today,
    );
    if (state === 'current') continue;
    out.push({
      role,
      state,
      dueOn: state === 'lapsed' && latest ? latest.lapses_on : today,
      overdue: state !== 'changed',
    });
  }
  return out;
}

/** A member of staff's standing on one of their guides. */
export interface GuideStanding {
  readonly staffId: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly acknowledgement: {
    state: AcknowledgementState;
    acknowledgedAt: string | null;
    lapsesOn: string | null;
  };
}

/** Where each sharing member of the caller's organisation stands on their guides. */
export async function guideStandings(ctx: ServiceContext): Promise<GuideStanding[]> {
  if (!hasAnyRole(ctx.principal, ['ig_lead', 'service_manager']))
    throw new ForbiddenError('Only IG leads and service managers see staff awareness.');
  const db = ctx.database.db;
  const org = ctx.principal.organisationId;
  const today = ukToday(ctx.now);
  const [staff, acks] = await Promise.all([
    findStaffWithRoles(db, org, SHARING_ROLES),
    findOrganisationAcknowledgements(db, org),
  ]);
  const fingerprints = new Map<string, string>();
  for (const role of new Set(staff.map((s) => s.role as StaffRole)))
    fingerprints.set(role, (await generateGuide(db, org, role, today)).fingerprint);
  return staff.map((s) => {
    // Newest first: the first match is the latest.
    const latest = acks.find((a) => a.staff_id === s.staff_id && a.role === s.role);
    return {
      staffId: s.staff_id,
      displayName: s.display_name,
      role: s.role as StaffRole,
      acknowledgement: {
        state: acknowledgementState(
          latest && { fingerprint: latest.fingerprint, lapsesOn: latest.lapses_on },
          fingerprints.get(s.role) ?? '',
          today,
        ),
        acknowledgedAt: latest?.acknowledged_at ?? null,
        lapsesOn: latest?.lapses_on ?? null,
      },
    };
  });
}
