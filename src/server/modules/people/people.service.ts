import { DATA_CATEGORIES, type DataCategory, type StaffRole } from '../../../contracts/enums.ts';
import type {
  CareTeamInput,
  EntryAmend,
  EntryInput,
  PersonDetail,
  PersonInput,
  PersonSummary,
} from '../../../contracts/people.ts';
import type { Db } from '../../db/database.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
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
import { loadConsentHeader, raiseConsentReview } from '../consent/index.ts';
import {
  findCareTeam,
  findCaseload,
  findEntries,
  findEntryVersions,
  findPerson,
} from './people.repository.ts';
import { presentSections, viewAuditEvents } from './record-access.ts';
import { loadSharingFacts } from './sharing-facts.ts';

/** Roles that manage a person's care team and register people. */
const CARE_TEAM_MANAGERS = ['care_manager', 'service_manager', 'clinical'] as const;

/** The facts and question for one person, or a 404 (audited) when the caller may not know them. */
function questionFor(
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

/** Adds a staff member or a team to a person's care team. */
export async function addCareTeamMember(
  ctx: ServiceContext,
  personId: string,
  input: CareTeamInput,
): Promise<PersonDetail> {
  if (!hasAnyRole(ctx.principal, CARE_TEAM_MANAGERS))
    throw new ForbiddenError('Only care coordinators, clinicians and service managers change care teams.');
  await questionFor(ctx, ctx.database.db, personId);
  await ctx.database.db.transaction().execute(async (tx) => {
    await questionFor(ctx, tx, personId, false);
    let organisationId: string | undefined;
    if (input.staffId) {
      const staff = await tx
        .selectFrom('staff')
        .select(['organisation_id', 'active'])
        .where('id', '=', input.staffId)
        .executeTakeFirst();
      if (!staff)
        throw new ValidationError([{ field: 'body.staffId', message: 'no staff member has this id' }]);
      if (staff.active !== 1)
        throw new ValidationError([{ field: 'body.staffId', message: 'is not an active account' }]);
      // Commissioners, administrators and IG leads see no person-level data: a care-team place
      // would give them nothing to do and a caseload to list.
      const [roles, policy] = await Promise.all([
        tx.selectFrom('staff_roles').select('role').where('staff_id', '=', input.staffId).execute(),
        loadAccessPolicy(tx),
      ]);
      if (!roles.some((r) => (policy.tiers.tiers[r.role as StaffRole] ?? []).length > 0)) {
        throw new ValidationError([
          { field: 'body.staffId', message: 'holds no role that sees person-level data' },
        ]);
      }
      organisationId = staff.organisation_id;
    } else if (input.teamId) {
      const team = await tx
        .selectFrom('teams')
        .select('organisation_id')
        .where('id', '=', input.teamId)
        .executeTakeFirst();
      if (!team) throw new ValidationError([{ field: 'body.teamId', message: 'no team has this id' }]);
      organisationId = team.organisation_id;
    }
    if (!organisationId)
      throw new ValidationError([
        { field: 'body.staffId', message: 'name exactly one of staffId or teamId' },
      ]);
    const now = ctx.now.toISOString();
    const membershipId = crypto.randomUUID();
    const today = todayOf(ctx);
    const partnerAlready = await tx
      .selectFrom('care_team_memberships')
      .select('id')
      .where('person_id', '=', personId)
      .where('organisation_id', '=', organisationId)
      .where('start_date', '<=', today)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
      .executeTakeFirst();
    // A new organisation in someone's care changes who their consent lets information reach.
    if (!partnerAlready) await raiseConsentReview(ctx, tx, personId, 'NEW_CARE_TEAM_PARTNER');
    await auditChange(
      ctx,
      tx,
      'care_team.add',
      { type: 'care_team_membership', id: membershipId },
      { personId, details: { role: input.role, startDate: input.startDate, endDate: input.endDate ?? null } },
    );
    await tx
      .insertInto('care_team_memberships')
      .values({
        id: membershipId,
        person_id: personId,
        staff_id: input.staffId ?? null,
        team_id: input.teamId ?? null,
        organisation_id: organisationId,
        role: input.role,
        start_date: input.startDate,
        end_date: input.endDate ?? null,
        created_at: now,
        created_by: ctx.principal.staffId,
        updated_at: now,
      })
      .execute();
  });
  return getPerson(ctx, personId);
}

/** Ends a care-team membership on a date; access through it ends after that day. */
export async function endCareTeamMembership(
  ctx: ServiceContext,
  personId: string,
  membershipId: string,
  endDate: string,
): Promise<void> {
  if (!hasAnyRole(ctx.principal, CARE_TEAM_MANAGERS))
    throw new ForbiddenError('Only care coordinators, clinicians and service managers change care teams.');
  await questionFor(ctx, ctx.database.db, personId);
  await ctx.database.db.transaction().execute(async (tx) => {
    await questionFor(ctx, tx, personId, false);
    const membership = await tx
      .selectFrom('care_team_memberships')
      .select(['start_date'])
      .where('id', '=', membershipId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (!membership) throw new NotFoundError('Care-team membership');
    if (endDate < membership.start_date)
      throw new ValidationError([
        { field: 'body.endDate', message: 'must not be before the membership start date' },
      ]);
    await tx
      .updateTable('care_team_memberships')
      .set({ end_date: endDate, updated_at: ctx.now.toISOString() })
      .where('id', '=', membershipId)
      .execute();
    await auditChange(
      ctx,
      tx,
      'care_team.end',
      { type: 'care_team_membership', id: membershipId },
      { personId, details: { endDate } },
    );
  });
}

/** Record changes that call for the person's consent to be reviewed: a safeguarding concern, a change in risk. */
function reviewTriggerFor(category: DataCategory): 'SAFEGUARDING_CONCERN' | 'RISK_STATUS_CHANGE' | null {
  if (category === 'SAFEGUARDING') return 'SAFEGUARDING_CONCERN';
  if (category === 'RISK_SUMMARY') return 'RISK_STATUS_CHANGE';
  return null;
}

/** Asks for an edit permit; a denial is audited and refused. Call outside any transaction. */
async function requireEdit(
  ctx: ServiceContext,
  q: PersonAccessQuestion,
  category: DataCategory,
  owner: string,
): Promise<void> {
  const decision = decideFor(q, category, owner, 'edit');
  if (decision.effect === 'permit') return;
  await ctx.audit.append(
    [
      {
        action: 'record.edit.deny',
        outcome: 'deny',
        actor: auditActor(ctx),
        personId: q.personId,
        categories: [category],
        purpose: q.purpose,
        ownerOrganisationId: owner,
        recipientOrganisationId: ctx.principal.organisationId,
        reasons: decision.reasons.map((r) => r.code),
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  throw new ForbiddenError(decision.reasons[0]?.message ?? 'You may not write this kind of entry.');
}

/** Adds an entry to a person's record, owned by the caller's organisation. */
export async function addEntry(
  ctx: ServiceContext,
  personId: string,
  input: EntryInput,
): Promise<{ id: string }> {
  const id = crypto.randomUUID();
  const q = await questionFor(ctx, ctx.database.db, personId);
  await requireEdit(ctx, q, input.category, ctx.principal.organisationId);
  await ctx.database.db.transaction().execute(async (tx) => {
    await questionFor(ctx, tx, personId, false);
    const now = ctx.now.toISOString();
    await tx
      .insertInto('record_entries')
      .values({
        id,
        person_id: personId,
        category: input.category,
        organisation_id: ctx.principal.organisationId,
        current_version: 1,
        created_at: now,
        created_by: ctx.principal.staffId,
        updated_at: now,
      })
      .execute();
    await tx
      .insertInto('record_entry_versions')
      .values({
        entry_id: id,
        version: 1,
        title: input.title,
        body: input.body,
        author_id: ctx.principal.staffId,
        recorded_at: now,
        amendment_reason: null,
      })
      .execute();
    await auditChange(
      ctx,
      tx,
      'entry.create',
      { type: 'record_entry', id },
      { personId, categories: [input.category], ownerOrganisationId: ctx.principal.organisationId },
    );
    const trigger = reviewTriggerFor(input.category);
    if (trigger) await raiseConsentReview(ctx, tx, personId, trigger);
  });
  return { id };
}

/** Amends an entry: a new version; every earlier version is kept. */
export async function amendEntry(
  ctx: ServiceContext,
  personId: string,
  entryId: string,
  input: EntryAmend,
): Promise<{ id: string; version: number }> {
  let version = 0;
  const q = await questionFor(ctx, ctx.database.db, personId);
  const found = await ctx.database.db
    .selectFrom('record_entries')
    .select(['category', 'organisation_id'])
    .where('id', '=', entryId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (!found || decideFor(q, found.category as DataCategory, found.organisation_id).effect === 'deny') {
    throw new NotFoundError('Entry');
  }
  await requireEdit(ctx, q, found.category as DataCategory, found.organisation_id);
  await ctx.database.db.transaction().execute(async (tx) => {
    await questionFor(ctx, tx, personId, false);
    const entry = await tx
      .selectFrom('record_entries')
      .select(['category', 'organisation_id', 'current_version'])
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    version = entry.current_version + 1;
    const now = ctx.now.toISOString();
    await tx
      .insertInto('record_entry_versions')
      .values({
        entry_id: entryId,
        version,
        title: input.title,
        body: input.body,
        author_id: ctx.principal.staffId,
        recorded_at: now,
        amendment_reason: input.reason,
      })
      .execute();
    // The version guard makes concurrent amendments fail instead of silently overwriting.
    const result = await tx
      .updateTable('record_entries')
      .set({ current_version: version, updated_at: now })
      .where('id', '=', entryId)
      .where('current_version', '=', entry.current_version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new ConflictError('The entry changed meanwhile; reload and try again.');
    await auditChange(
      ctx,
      tx,
      'entry.amend',
      { type: 'record_entry', id: entryId },
      {
        personId,
        categories: [entry.category],
        ownerOrganisationId: entry.organisation_id,
        details: { version },
      },
    );
    const trigger = reviewTriggerFor(entry.category as DataCategory);
    if (trigger) await raiseConsentReview(ctx, tx, personId, trigger);
  });
  return { id: entryId, version };
}

/** Every version of an entry the caller may see. */
export async function entryHistory(ctx: ServiceContext, personId: string, entryId: string) {
  const { db } = ctx.database;
  const q = await questionFor(ctx, db, personId);
  const entry = await db
    .selectFrom('record_entries')
    .select(['category', 'organisation_id'])
    .where('id', '=', entryId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (!entry || decideFor(q, entry.category as DataCategory, entry.organisation_id).effect === 'deny')
    throw new NotFoundError('Entry');
  const versions = await findEntryVersions(db, entryId);
  await ctx.audit.append(
    [
      {
        action: 'entry.history.view',
        outcome: 'permit',
        actor: auditActor(ctx),
        personId,
        categories: [entry.category],
        ownerOrganisationId: entry.organisation_id,
        recipientOrganisationId: ctx.principal.organisationId,
        target: { type: 'record_entry', id: entryId },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return versions.map((v) => ({
    version: v.version,
    title: v.title,
    body: v.body,
    authorName: v.author_name,
    recordedAt: v.recorded_at,
    amendmentReason: v.amendment_reason,
  }));
}
