import type { Organisation, OrganisationInput } from '../../../contracts/directory.ts';
import type { GovernanceRole } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { changeActorOf, changeWithAuthority } from '../access/authority.service.ts';
import { replaceGovernanceHolder } from './governance.repository.ts';
import {
  findOrganisationClashes,
  findOrganisationPage,
  findOrganisationRow,
  insertOrganisation,
  organisationHasStaff,
  presentOrganisations,
  updateOrganisationRow,
} from './organisation.repository.ts';
import { findStaffRow } from './staff.repository.ts';

/** A page request in rows. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/** The rows a page covers. */
export const windowOf = (p: PageRequest) => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });

/** Refuses an organisation id the directory does not hold, naming the field. */
export async function requireOrganisation(db: Db, id: string, field: string): Promise<void> {
  if (!(await findOrganisationRow(db, id)))
    throw new ValidationError([{ field, message: 'no organisation has this id' }]);
}

/** Lists organisations, by name. */
export async function listOrganisations(
  ctx: ServiceContext,
  page: PageRequest,
): Promise<{ items: Organisation[]; total: number }> {
  const { db } = ctx.database;
  const { rows, total } = await findOrganisationPage(db, windowOf(page));
  return { items: await presentOrganisations(db, rows), total };
}

/** One organisation. */
export async function getOrganisation(ctx: ServiceContext, id: string): Promise<Organisation> {
  const { db } = ctx.database;
  const row = await findOrganisationRow(db, id);
  const [org] = row ? await presentOrganisations(db, [row]) : [];
  if (!org) throw new NotFoundError('Organisation');
  return org;
}

async function assertUniqueOrganisation(
  db: Db,
  input: OrganisationInput,
  exceptId: string | null,
): Promise<void> {
  const others = await findOrganisationClashes(db, input, exceptId);
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
    await insertOrganisation(tx, {
      id,
      name: input.name,
      type: input.type,
      ods_code: input.odsCode ?? null,
      created_at: now,
      updated_at: now,
    });
    await auditChange(ctx, tx, 'organisation.create', { type: 'organisation', id });
  });
  return getOrganisation(ctx, id);
}

/**
 * Changes an organisation's name, type or ODS code: its own administrators may, and the administrator
 * who registered it may while it has no accounts of its own.
 */
export async function updateOrganisation(
  ctx: ServiceContext,
  id: string,
  input: OrganisationInput,
): Promise<Organisation> {
  await changeWithAuthority(ctx, async (tx, authorize) => {
    if (!(await findOrganisationRow(tx, id))) throw new NotFoundError('Organisation');
    authorize(
      {
        kind: 'organisation.update',
        actor: await changeActorOf(ctx, tx),
        organisationId: id,
        organisationEmpty: !(await organisationHasStaff(tx, id)),
      },
      { action: 'organisation.update', target: { type: 'organisation', id } },
    );
    await assertUniqueOrganisation(tx, input, id);
    await updateOrganisationRow(tx, id, input, ctx.now.toISOString());
    await auditChange(ctx, tx, 'organisation.update', { type: 'organisation', id });
  });
  return getOrganisation(ctx, id);
}

/**
 * Names the holder of a governance role (IG lead, DPO, ...) for an organisation; they must work
 * there. Only that organisation's administrators name them, never themselves; the partnership
 * governance role is handed over by its holder.
 */
export async function assignGovernanceRole(
  ctx: ServiceContext,
  organisationId: string,
  role: GovernanceRole,
  staffId: string,
): Promise<Organisation> {
  await changeWithAuthority(ctx, async (tx, authorize) => {
    if (!(await findOrganisationRow(tx, organisationId))) throw new NotFoundError('Organisation');
    const staff = await findStaffRow(tx, staffId);
    if (!staff || staff.organisation_id !== organisationId) {
      throw new ValidationError([
        { field: 'body.staffId', message: 'is not a staff member of this organisation' },
      ]);
    }
    const target = { type: 'organisation', id: organisationId };
    authorize(
      { kind: 'governance.assign', actor: await changeActorOf(ctx, tx), organisationId, staffId, role },
      { action: 'organisation.governance.assign', target },
    );
    await replaceGovernanceHolder(tx, organisationId, role, staffId, ctx.now.toISOString());
    await auditChange(ctx, tx, 'organisation.governance.assign', target, { details: { role, staffId } });
  });
  return getOrganisation(ctx, organisationId);
}
