/**
 * Maps a DecisionRequest to a Cedar authorization request (benchmark and differential test only).
 * It keeps the facts in force at the instant and flattens them into keys; it decides nothing:
 * see cedar-policy.ts for why the in-force filter lives here.
 */
import type { Context, EntityJson, EntityUidJson } from '@cedar-policy/cedar-wasm/nodejs';
import type { DecisionRequest } from './access.ts';
import { ukDateOf } from './calendar.ts';
import { CEDAR_ANY } from './cedar-policy.ts';

/** The parts of a Cedar `isAuthorized` call that depend on the request. */
export interface CedarRequest {
  readonly principal: EntityUidJson;
  readonly action: EntityUidJson;
  readonly resource: EntityUidJson;
  readonly context: Context;
  readonly entities: EntityJson[];
}

/**
 * Which facts go to Cedar: `all` of the person's facts in force, or only those a repository query
 * keyed on the request would load (agreements between owner and recipient, memberships of the
 * actor and their teams). Scoping only drops facts that cannot match; Cedar still checks them all.
 */
export type CedarFactScope = 'all' | 'request';

const key = (...parts: string[]): string => parts.join('|');

/** YYYY-MM-DD as a comparable Long (20250615); 0 for null, which no date precedes. */
function dateNumber(date: string | null): number {
  return date === null ? 0 : Number(date.replaceAll('-', ''));
}

function inForceOn(start: string, end: string | null, today: number): boolean {
  return dateNumber(start) <= today && (end === null || today <= dateNumber(end));
}

function liveAt(from: string, until: string | null, atMs: number): boolean {
  return Date.parse(from) <= atMs && (until === null || atMs < Date.parse(until));
}

const orAll = (categories: readonly string[]): readonly string[] =>
  categories.length === 0 ? [CEDAR_ANY] : categories;

/** The Cedar request equivalent to a DecisionRequest. */
export function toCedarRequest(request: DecisionRequest, scope: CedarFactScope = 'all'): CedarRequest {
  const { actor, facts, category } = request;
  const owner = request.owningOrganisationId;
  const atMs = Date.parse(request.at);
  const valid = !Number.isNaN(atMs);
  const today = valid ? dateNumber(ukDateOf(atMs)) : 0;
  const disclosing = request.action === 'disclose' || request.action === 'export';
  const recipient = (disclosing ? request.recipientOrganisationId : undefined) ?? actor.organisationId;
  const scoped = scope === 'request';
  const actorKeys = [
    key('staff', actor.organisationId, actor.staffId),
    ...actor.teamIds.map((id) => key('team', actor.organisationId, id)),
  ];

  const careTeam: string[] = [];
  const careTeamOrganisations = new Set<string>();
  for (const m of valid ? facts.careTeam : []) {
    if (!inForceOn(m.startDate, m.endDate, today)) continue;
    careTeamOrganisations.add(m.organisationId);
    if (m.staffId !== null) careTeam.push(key('staff', m.organisationId, m.staffId));
    if (m.teamId !== null) careTeam.push(key('team', m.organisationId, m.teamId));
  }
  const breakGlass = facts.breakGlassGrants
    .filter((g) => valid && liveAt(g.grantedAt, g.expiresAt, atMs))
    .flatMap((g) => g.categories.map((c) => key(g.staffId, c)));
  const agreementGrants = facts.agreements
    .filter((a) => valid && a.status === 'active' && a.complete && inForceOn(a.startDate, a.endDate, today))
    .flatMap((a) => a.grants)
    .filter((g) => !scoped || (g.fromOrganisationId === owner && g.toOrganisationId === recipient))
    .flatMap((g) => g.categories.map((c) => key(g.fromOrganisationId, g.toOrganisationId, g.purpose, c)));
  const provisionKeys = (kind: string): string[] =>
    (facts.consent?.provisions ?? [])
      .filter((p) => p.kind === kind)
      .flatMap((p) => orAll(p.categories).map((c) => key(p.organisationId ?? CEDAR_ANY, c)));
  const lawfulExceptions = facts.lawfulExceptions
    .filter((e) => valid && liveAt(e.validFrom, e.validUntil, atMs))
    .flatMap((e) => orAll(e.categories).map((c) => key(e.recipientOrganisationId ?? CEDAR_ANY, c)));

  const principal = { type: 'Staff', id: actor.staffId };
  const resource = { type: 'Entry', id: key(request.personId, owner, category) };
  return {
    principal,
    action: { type: 'Action', id: request.action },
    resource,
    context: {
      validTime: valid,
      today,
      purpose: request.purpose,
      recipient,
      keys: {
        sharing: key(owner, recipient, request.purpose, category),
        staffCategory: key(actor.staffId, category),
        all: key(CEDAR_ANY, CEDAR_ANY),
        recipientAny: key(recipient, CEDAR_ANY),
        anyCategory: key(CEDAR_ANY, category),
        recipientCategory: key(recipient, category),
      },
      careTeam: scoped ? careTeam.filter((k) => actorKeys.includes(k)) : careTeam,
      careTeamOrganisations: [...careTeamOrganisations],
      breakGlass,
      agreementGrants,
      consentStatus: facts.consent?.status ?? 'none',
      consentRestrictions: provisionKeys('RESTRICTION'),
      consentNamedPartners: provisionKeys('NAMED_PARTNER'),
      consentRoutine: provisionKeys('ROUTINE_COORDINATION'),
      lawfulExceptions,
    },
    entities: [
      {
        uid: principal,
        attrs: {
          staffId: actor.staffId,
          organisation: actor.organisationId,
          roles: [...actor.roles],
          active: actor.active,
          trainingExpiresOn: dateNumber(actor.igTrainingExpiresOn),
          safeguardingTrained: actor.safeguardingTrained,
          involvementKeys: actorKeys,
        },
        parents: [],
      },
      { uid: resource, attrs: { category, owner, person: request.personId }, parents: [] },
    ],
  };
}
