/** Resolving and checking a handover's recipient: organisation, named member or team, and its lead. */

import type { FieldError } from '../../../contracts/errors.ts';
import type { HandoverDraft } from '../../../contracts/exchange.ts';
import type { Db } from '../../db/database.ts';
import { ValidationError } from '../../http/errors.ts';
import type { Actor } from '../access/index.ts';
import { actorOf } from '../access/index.ts';
import { loadPrincipal } from '../auth/auth.repository.ts';
import { findOrganisation, findStaffMember, findTeam, findTeamDutyLead } from './recipients.repository.ts';

/** A recipient that exists, with the lead who acknowledges for it. */
export interface ResolvedRecipient {
  readonly organisationId: string;
  readonly staffId: string | null;
  readonly teamId: string | null;
  readonly lead: Actor;
}

const bad = (field: string, message: string): never => {
  throw new ValidationError([{ field, message } satisfies FieldError]);
};

/** Checks the recipient names one member of staff or one team at an existing organisation. */
export async function resolveRecipient(
  db: Db,
  recipient: HandoverDraft['recipient'],
  today: string,
): Promise<ResolvedRecipient> {
  const org = await findOrganisation(db, recipient.organisationId);
  if (!org) bad('body.recipient.organisationId', 'is not an organisation in this partnership');
  if ((recipient.staffId === undefined) === (recipient.teamId === undefined))
    bad('body.recipient', 'must name either a member of staff or a team, not both');
  let leadId: string | undefined;
  if (recipient.staffId !== undefined) {
    const staff = await findStaffMember(db, recipient.staffId);
    if (staff?.organisation_id !== recipient.organisationId || staff.active !== 1)
      bad('body.recipient.staffId', 'is not an active member of staff at the recipient organisation');
    leadId = recipient.staffId;
  } else if (recipient.teamId !== undefined) {
    const team = await findTeam(db, recipient.teamId);
    if (team?.organisation_id !== recipient.organisationId)
      bad('body.recipient.teamId', 'is not a team of the recipient organisation');
    leadId = await findTeamDutyLead(db, recipient.teamId);
    if (!leadId) bad('body.recipient.teamId', 'has no duty lead to acknowledge handovers');
  }
  const principal = leadId ? await loadPrincipal(db, leadId, 'session', null, today) : null;
  if (!principal) return bad('body.recipient', 'could not be resolved to a lead');
  return {
    organisationId: recipient.organisationId,
    staffId: recipient.staffId ?? null,
    teamId: recipient.teamId ?? null,
    lead: actorOf(principal),
  };
}
