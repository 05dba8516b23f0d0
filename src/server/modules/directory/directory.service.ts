import type {
  Organisation,
  OrganisationInput,
  Staff,
  StaffInput,
  StaffUpdate,
  Team,
  TeamInput,
  TrainingInput,
} from '../../../contracts/directory.ts';
import type { GovernanceRole } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';
import { containsText } from '../../db/text-search.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { hashPassword } from '../auth/password.ts';
import {
  findTeams,
  presentOrganisations,
  presentStaff,
  replaceStaffRolesAndTeams,
} from './directory.repository.ts';

/** A page request in rows. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

const window = (p: PageRequest) => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });

async function requireOrganisation(db: Db, id: string, field: string): Promise<void> {
  const org = await db.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst();
  if (!org) throw new ValidationError([{ field, message: 'no organisation has this id' }]);
}

async function requireTeamsOf(db: Db, organisationId: string, teamIds: readonly string[]): Promise<void> {
  if (teamIds.length === 0) return;
  const found = await db
    .selectFrom('teams')
    .select(['id', 'organisation_id'])
    .where('id', 'in', [...teamIds])
    .execute();
  const bad = teamIds.findIndex(
    (id) => !found.some((t) => t.id === id && t.organisation_id === organisationId),
  );
  if (bad >= 0)
    throw new ValidationError([
      { field: `body.teamIds.${bad}`, message: "is not a team of the staff member's organisation" },
    ]);
}

/** Lists organisations, by name. */
export async function listOrganisations(
  ctx: ServiceContext,
  page: PageRequest,
): Promise<{ items: Organisation[]; total: number }> {
  const { db } = ctx.database;
  const { limit, offset } = window(page);
  const [rows, count] = await Promise.all([
    db.selectFrom('organisations').selectAll().orderBy('name').limit(limit).offset(offset).execute(),
    db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: await presentOrganisations(db, rows), total: Number(count.n) };
}

/** One organisation. */
export async function getOrganisation(ctx: ServiceContext, id: string): Promise<Organisation> {
  const { db } = ctx.database;
  const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('Organisation');
  const [org] = await presentOrganisations(db, [row]);
  if (!org) throw new NotFoundError('Organisation');
  return org;
}

async function assertUniqueOrganisation(
  db: Db,
  input: OrganisationInput,
  exceptId: string | null,
): Promise<void> {
  const clashes = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'ods_code'])
    .where((eb) =>
      eb.or([eb('name', '=', input.name), ...(input.odsCode ? [eb('ods_code', '=', input.odsCode)] : [])]),
    )
    .execute();
  const others = clashes.filter((c) => c.id !== exceptId);
  const errors = [
    ...(others.some((c) => c.name === input.name)
      ? [{ field: 'body.name', message: 'is already used by another organisation' }]
      : []),
    ...(input.odsCode && others.some((c) => c.ods_code === input.odsCode)
      ? [{ field: 'body.odsCode', message: 'is already used by another organisation' }]
      : []),
  ];
  if (errors.length > 0) throw new ConflictError('An organisation with these details exists.', errors);
}

/** Registers an organisation of the partnership. */
export async function createOrganisation(
  ctx: ServiceContext,
  input: OrganisationInput,
): Promise<Organisation> {
  const id = crypto.randomUUID();
  const now = ctx.now.toISOString();
  await ctx.database.db.transaction().execute(async (tx) => {
    await assertUniqueOrganisation(tx, input, null);
    await tx
      .insertInto('organisations')
      .values({
        id,
        name: input.name,
        type: input.type,
        ods_code: input.odsCode ?? null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await auditChange(ctx, tx, 'organisation.create', { type: 'organisation', id });
  });
  return getOrganisation(ctx, id);
}

/** Changes an organisation's name, type or ODS code. */
export async function updateOrganisation(
  ctx: ServiceContext,
  id: string,
  input: OrganisationInput,
): Promise<Organisation> {
  await ctx.database.db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!existing) throw new NotFoundError('Organisation');
    await assertUniqueOrganisation(tx, input, id);
    await tx
      .updateTable('organisations')
      .set({
        name: input.name,
        type: input.type,
        ods_code: input.odsCode ?? null,
        updated_at: ctx.now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await auditChange(ctx, tx, 'organisation.update', { type: 'organisation', id });
  });
  return getOrganisation(ctx, id);
}

/** Names the holder of a governance role (IG lead, DPO, ...) for an organisation; they must work there. */
export async function assignGovernanceRole(
  ctx: ServiceContext,
  organisationId: string,
  role: GovernanceRole,
  staffId: string,
): Promise<Organisation> {
  await ctx.database.db.transaction().execute(async (tx) => {
    const org = await tx
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', organisationId)
      .executeTakeFirst();
    if (!org) throw new NotFoundError('Organisation');
    const staff = await tx
      .selectFrom('staff')
      .select('organisation_id')
      .where('id', '=', staffId)
      .executeTakeFirst();
    if (!staff || staff.organisation_id !== organisationId) {
      throw new ValidationError([
        { field: 'body.staffId', message: 'is not a staff member of this organisation' },
      ]);
    }
    await tx
      .deleteFrom('governance_roles')
      .where('organisation_id', '=', organisationId)
      .where('role', '=', role)
      .execute();
    await tx
      .insertInto('governance_roles')
      .values({
        organisation_id: organisationId,
        role,
        staff_id: staffId,
        assigned_at: ctx.now.toISOString(),
      })
      .execute();
    await auditChange(
      ctx,
      tx,
      'organisation.governance.assign',
      { type: 'organisation', id: organisationId },
      { details: { role, staffId } },
    );
  });
  return getOrganisation(ctx, organisationId);
}

/** Lists teams, optionally of one organisation. */
export async function listTeams(
  ctx: ServiceContext,
  filter: { organisationId?: string | undefined },
  page: PageRequest,
): Promise<{ items: Team[]; total: number }> {
  return findTeams(ctx.database.db, filter, window(page));
}

/** Creates a team within an organisation. */
export async function createTeam(ctx: ServiceContext, input: TeamInput): Promise<Team> {
  const id = crypto.randomUUID();
  const now = ctx.now.toISOString();
  await ctx.database.db.transaction().execute(async (tx) => {
    await requireOrganisation(tx, input.organisationId, 'body.organisationId');
    const clash = await tx
      .selectFrom('teams')
      .select('id')
      .where('organisation_id', '=', input.organisationId)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (clash)
      throw new ConflictError('A team with this name exists.', [
        { field: 'body.name', message: 'is already a team of this organisation' },
      ]);
    await tx
      .insertInto('teams')
      .values({
        id,
        organisation_id: input.organisationId,
        name: input.name,
        service_type: input.serviceType ?? null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await auditChange(ctx, tx, 'team.create', { type: 'team', id });
  });
  const { items } = await findTeams(ctx.database.db, { ids: [id] }, { limit: 1, offset: 0 });
  const team = items[0];
  if (!team) throw new NotFoundError('Team');
  return team;
}

/** Lists staff, searchable by name or username. */
export async function listStaff(
  ctx: ServiceContext,
  filter: { organisationId?: string | undefined; q?: string | undefined },
  page: PageRequest,
): Promise<{ items: Staff[]; total: number }> {
  const { db } = ctx.database;
  let query = db.selectFrom('staff');
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.q) {
    const term = filter.q;
    query = query.where((eb) => eb.or([containsText('display_name', term), containsText('username', term)]));
  }
  const { limit, offset } = window(page);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('display_name').orderBy('id').limit(limit).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await presentStaff(db, rows, ctx.now), total: Number(count.n) };
}

/** One staff member. */
export async function getStaff(ctx: ServiceContext, id: string): Promise<Staff> {
  const { db } = ctx.database;
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('Staff member');
  const [staff] = await presentStaff(db, [row], ctx.now);
  if (!staff) throw new NotFoundError('Staff member');
  return staff;
}

/** Creates a staff account; without a password it can only use API tokens. */
export async function createStaff(ctx: ServiceContext, input: StaffInput): Promise<Staff> {
  const id = crypto.randomUUID();
  const now = ctx.now.toISOString();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  await ctx.database.db.transaction().execute(async (tx) => {
    await requireOrganisation(tx, input.organisationId, 'body.organisationId');
    await requireTeamsOf(tx, input.organisationId, input.teamIds);
    const clash = await tx
      .selectFrom('staff')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (clash)
      throw new ConflictError('That username is taken.', [
        { field: 'body.username', message: 'is already taken' },
      ]);
    await tx
      .insertInto('staff')
      .values({
        id,
        organisation_id: input.organisationId,
        username: input.username,
        display_name: input.displayName,
        job_title: input.jobTitle,
        email: input.email ?? null,
        password_hash: passwordHash,
        active: 1,
        failed_logins: 0,
        locked_until: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await replaceStaffRolesAndTeams(tx, id, input.roles, input.teamIds);
    await auditChange(
      ctx,
      tx,
      'staff.create',
      { type: 'staff', id },
      { details: { roles: input.roles.join(',') } },
    );
  });
  return getStaff(ctx, id);
}

/** Changes a staff member's details, roles, teams or active flag; deactivation ends their sessions. */
export async function updateStaff(ctx: ServiceContext, id: string, input: StaffUpdate): Promise<Staff> {
  if (
    id === ctx.principal.staffId &&
    (input.active === false || (input.roles && !input.roles.includes('system_admin')))
  ) {
    // An administrator locking themselves out leaves the partnership without one; another admin must do it.
    throw new ValidationError([
      {
        field: input.active === false ? 'body.active' : 'body.roles',
        message: 'you cannot deactivate your own account or remove your own administrator role',
      },
    ]);
  }
  await ctx.database.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('staff')
      .select(['organisation_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Staff member');
    if (input.teamIds) await requireTeamsOf(tx, row.organisation_id, input.teamIds);
    await tx
      .updateTable('staff')
      .set({
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.jobTitle !== undefined ? { job_title: input.jobTitle } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
        updated_at: ctx.now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await replaceStaffRolesAndTeams(tx, id, input.roles, input.teamIds);
    if (input.active === false) await tx.deleteFrom('sessions').where('staff_id', '=', id).execute();
    await auditChange(
      ctx,
      tx,
      'staff.update',
      { type: 'staff', id },
      {
        details: {
          fields: Object.keys(input).sort().join(','),
          ...(input.roles ? { roles: input.roles.join(',') } : {}),
        },
      },
    );
  });
  return getStaff(ctx, id);
}

/** Records completed training with its expiry. */
export async function addTraining(
  ctx: ServiceContext,
  staffId: string,
  input: TrainingInput,
): Promise<Staff> {
  await ctx.database.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('staff').select('id').where('id', '=', staffId).executeTakeFirst();
    if (!row) throw new NotFoundError('Staff member');
    await tx
      .insertInto('training_records')
      .values({
        id: crypto.randomUUID(),
        staff_id: staffId,
        kind: input.kind,
        completed_on: input.completedOn,
        expires_on: input.expiresOn,
        created_at: ctx.now.toISOString(),
      })
      .execute();
    await auditChange(
      ctx,
      tx,
      'staff.training.add',
      { type: 'staff', id: staffId },
      { details: { kind: input.kind } },
    );
  });
  return getStaff(ctx, staffId);
}
