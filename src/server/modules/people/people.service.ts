import { DATA_CATEGORIES } from '../../../contracts/enums.ts';
import type { CareTeamInput, PersonDetail, PersonInput, PersonSummary } from '../../../contracts/people.ts';
import type { Db } from '../../db/database.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import {
  decideFor,
  isCurrentCoordinator,
  mayHoldCaseload,
  mayReceiveAccessReport,
  type PersonAccessQuestion,
  personAccess,
} from '../access/person-access.ts';
import { loadAccessPolicy } from '../access/policy.repository.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { loadConsentHeader } from '../consent/index.ts';
import { findCareTeam, findCaseload, findEntries, findPerson } from './people.repository.ts';
import { presentSections, viewAuditEvents } from './record-access.ts';
import { loadSharingFacts } from './sharing-facts.ts';

/** Roles that manage a person's care team and register people. */
export const CARE_TEAM_MANAGERS = ['care_manager', 'service_manager', 'clinical'] as const;

/** The facts and question for one person, or a 404 (audited) when the caller may not know them. */
export function questionFor(
  ctx: ServiceContext,
  db: Db,
  personId: string,
  audit = true,
): Promise<PersonAccessQuestion> {
  return personAccess(ctx, db, personId, {
    audit,
    categories: DATA_CATEGORIES,
    extraFacts: loadSharingFacts,
  });
}

/** The caller's own live break-glass grant in the facts, if any. */
function liveGrantOf(q: PersonAccessQuestion): PersonDetail['breakGlass'] {
  const grant = q.facts.breakGlassGrants.find(
    (g) => g.staffId === q.principal.staffId && g.grantedAt <= q.at && q.at < g.expiresAt,
  );
  return grant ? { grantId: grant.id, expiresAt: grant.expiresAt, categories: [...grant.categories] } : null;
}

/** The caller's caseload: people they are actively involved with now, paginated and searchable. */
export async function listCaseload(
  ctx: ServiceContext,
  filter: { q?: string | undefined },
  page: { page: number; pageSize: number },
): Promise<{ items: PersonSummary[]; total: number }> {
  const { db } = ctx.database;
  // The list shows names and NHS numbers: the same decision as a record read, asked once for the
  // caller (active, trained, a tier) since the query already keeps to their own current care teams.
  const policy = await loadAccessPolicy(db);
  if (!mayHoldCaseload(ctx.principal, policy, ctx.now.toISOString())) {
    await ctx.audit.append(
      [
        {
          action: 'caseload.list',
          outcome: 'deny',
          actor: auditActor(ctx),
          reasons: ['NO_STANDING_FOR_PERSON_DATA'],
        },
      ],
      ctx.now,
      ctx.requestId,
    );
    return { items: [], total: 0 };
  }
  const result = await findCaseload(db, ctx.principal, todayOf(ctx), filter, {
    limit: page.pageSize,
    offset: (page.page - 1) * page.pageSize,
  });
  // One entry per person shown, so each person's access report lists who saw them in a list.
  const shown = result.items.map((p) => ({
    action: 'caseload.list',
    outcome: 'permit' as const,
    actor: auditActor(ctx),
    personId: p.id,
    details: { searched: Boolean(filter.q) },
  }));
  await ctx.audit.append(
    shown.length > 0
      ? shown
      : [{ action: 'caseload.list', outcome: 'success', actor: auditActor(ctx), details: { shown: 0 } }],
    ctx.now,
    ctx.requestId,
  );
  return result;
}

/** A person's page: header, care team and record sections, each section decided for the caller. */
export async function getPerson(ctx: ServiceContext, personId: string): Promise<PersonDetail> {
  const { db } = ctx.database;
  const q = await questionFor(ctx, db, personId);
  const person = await findPerson(db, personId);
  if (!person) throw new NotFoundError('Person');
  const [careTeam, entries, consent] = await Promise.all([
    findCareTeam(db, personId, todayOf(ctx)),
    findEntries(db, personId),
    loadConsentHeader(db, personId, ctx.now.toISOString(), {
      showReasons:
        liveGrantOf(q) === null &&
        hasAnyRole(ctx.principal, ['care_manager', 'clinical', 'service_manager', 'safeguarding_lead']),
    }),
  ]);
  const { sections, decisions } = presentSections(q, entries);
  // The page is not answered unless its audit entries are stored (fail closed).
  await ctx.audit.append(viewAuditEvents(q, decisions), ctx.now, ctx.requestId);
  const addEntry = sections
    .map((s) => s.category)
    .filter((c) => decideFor(q, c, ctx.principal.organisationId, 'edit').effect === 'permit');
  return {
    id: person.id,
    nhsNumber: person.nhs_number,
    givenName: person.given_name,
    familyName: person.family_name,
    dateOfBirth: person.date_of_birth,
    postcode: person.postcode,
    phone: person.phone,
    email: person.email,
    address: person.address,
    careTeam,
    sections,
    can: {
      manageCareTeam: hasAnyRole(ctx.principal, CARE_TEAM_MANAGERS),
      addEntry,
      viewAccessReport: mayReceiveAccessReport(ctx.principal, q.facts.careTeam, todayOf(ctx)),
      explainAccess:
        hasAnyRole(ctx.principal, ['ig_lead']) ||
        isCurrentCoordinator(ctx.principal, q.facts.careTeam, todayOf(ctx)),
    },
    breakGlass: liveGrantOf(q),
    consent,
  };
}

/** The NHS number belongs to a registered person (carried out of the transaction to be audited). */
class RegisteredAlready extends Error {
  readonly personId: string;
  constructor(personId: string) {
    super('registered already');
    this.personId = personId;
  }
}

/** Registers a person and puts the caller on their care team, so they can go on to see them. */
export async function registerPerson(
  ctx: ServiceContext,
  input: PersonInput,
  role: CareTeamInput['role'] = 'CARE_COORDINATOR',
): Promise<PersonDetail> {
  if (!hasAnyRole(ctx.principal, CARE_TEAM_MANAGERS))
    throw new ForbiddenError('Only care coordinators, clinicians and service managers register people.');
  // Registration tells whether an NHS number is known: only to staff with standing to see person data.
  if (!mayHoldCaseload(ctx.principal, await loadAccessPolicy(ctx.database.db), ctx.now.toISOString())) {
    throw new ForbiddenError('Your account cannot register people: check your IG training is current.');
  }
  const id = crypto.randomUUID();
  const now = ctx.now.toISOString();
  try {
    await ctx.database.db.transaction().execute(async (tx) => {
      const clash = await tx
        .selectFrom('people')
        .select('id')
        .where('nhs_number', '=', input.nhsNumber)
        .executeTakeFirst();
      if (clash) throw new RegisteredAlready(clash.id);
      await tx
        .insertInto('people')
        .values({
          id,
          nhs_number: input.nhsNumber,
          given_name: input.givenName,
          family_name: input.familyName,
          date_of_birth: input.dateOfBirth,
          phone: input.phone ?? null,
          email: input.email ?? null,
          address: input.address ?? null,
          postcode: input.postcode ?? null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await tx
        .insertInto('care_team_memberships')
        .values({
          id: crypto.randomUUID(),
          person_id: id,
          staff_id: ctx.principal.staffId,
          team_id: null,
          organisation_id: ctx.principal.organisationId,
          role,
          start_date: todayOf(ctx),
          end_date: null,
          created_at: now,
          created_by: ctx.principal.staffId,
          updated_at: now,
        })
        .execute();
      await auditChange(ctx, tx, 'person.register', { type: 'person', id }, { personId: id });
    });
  } catch (error) {
    if (!(error instanceof RegisteredAlready)) throw error;
    // Told after the rollback, so the answer and its audit entry never depend on each other.
    await ctx.audit.append(
      [
        {
          action: 'person.register',
          outcome: 'deny',
          actor: auditActor(ctx),
          personId: error.personId,
          reasons: ['NHS_NUMBER_REGISTERED'],
        },
      ],
      ctx.now,
      ctx.requestId,
    );
    throw new ConflictError('This NHS number is already registered.', [
      { field: 'body.nhsNumber', message: 'is already registered' },
    ]);
  }
  return getPerson(ctx, id);
}
