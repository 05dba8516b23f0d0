/**
 * The register of interfaces and workarounds. Any signed-in staff may read it (it holds no person
 * data, and staff need to know the sanctioned routes); an organisation's IG leads and service
 * managers record its entries and alone change what an entry authorises (its partners, route,
 * owner, status, title and gap); the entry's owner records its reviews (risk, mitigations and
 * review date). Refused attempts are audited.
 */
import type { FieldError } from '../../../contracts/errors.ts';
import type {
  InterfaceEntry,
  InterfaceEntryInput,
  InterfaceEntryUpdate,
  WorkaroundRoute,
} from '../../../contracts/interface-register.ts';
import type { Db } from '../../db/database.ts';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../http/errors.ts';
import { auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import { auditingRejection } from '../agreements/agreement-lifecycle.service.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { isActiveStaffOf } from '../directory/staff.repository.ts';
import {
  findEntries,
  findEntry,
  findLiveEntriesFor,
  findReviewsOwned,
  type InterfaceEntryRecord,
  insertEntry,
  organisationNamesOf,
  updateEntry,
} from './interface-register.repository.ts';
import { coversTransfer, reviewHorizon, reviewStateOn } from './interface-register.ts';

/** An IG lead or service manager of the entry's organisation: may change anything in it. */
function mayManage(ctx: ServiceContext, r: { organisation_id: string }): boolean {
  const p = ctx.principal;
  return r.organisation_id === p.organisationId && hasAnyRole(p, ['ig_lead', 'service_manager']);
}

function mayEdit(ctx: ServiceContext, r: { organisation_id: string; owner_staff_id: string }): boolean {
  return r.owner_staff_id === ctx.principal.staffId || mayManage(ctx, r);
}

/**
 * The fields of an update that change what the entry authorises (who it reaches, by what route,
 * whether it is live, who answers for it): only the organisation's IG leads and service managers
 * change them. The owner records reviews: risk, mitigations and the next review date.
 */
function authorisingChanges(r: InterfaceEntryRecord, input: InterfaceEntryUpdate): FieldError[] {
  const before = JSON.parse(r.partner_organisation_ids) as string[];
  const samePartners =
    before.length === input.partnerOrganisationIds.length &&
    [...before].sort().join() === [...input.partnerOrganisationIds].sort().join();
  const changed: [string, boolean][] = [
    ['body.partnerOrganisationIds', !samePartners],
    ['body.route', input.route !== r.route],
    ['body.status', input.status !== r.status],
    ['body.ownerStaffId', input.ownerStaffId !== r.owner_staff_id],
    ['body.title', input.title !== r.title],
    ['body.gap', input.gap !== r.gap],
  ];
  return changed
    .filter(([, c]) => c)
    .map(([field]) => ({
      field,
      message: 'may be changed only by an IG lead or service manager of the entry’s organisation',
    }));
}

function present(
  ctx: ServiceContext,
  r: InterfaceEntryRecord,
  names: ReadonlyMap<string, string>,
): InterfaceEntry {
  const partners = JSON.parse(r.partner_organisation_ids) as string[];
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: names.get(r.organisation_id) ?? '',
    partners: partners.map((organisationId) => ({ organisationId, name: names.get(organisationId) ?? '' })),
    route: r.route as WorkaroundRoute,
    title: r.title,
    gap: r.gap,
    ownerStaffId: r.owner_staff_id,
    ownerName: r.owner_name,
    likelihood: Number(r.likelihood),
    severity: Number(r.severity),
    riskScore: Number(r.likelihood) * Number(r.severity),
    risk: r.risk,
    mitigations: r.mitigations,
    reviewOn: r.review_on,
    reviewState: reviewStateOn(r.review_on, todayOf(ctx)),
    status: r.status === 'retired' ? 'retired' : 'live',
    version: Number(r.version),
    updatedAt: r.updated_at,
    can: { edit: mayEdit(ctx, r), manage: mayManage(ctx, r) },
  };
}

async function presentAll(ctx: ServiceContext, rows: InterfaceEntryRecord[]): Promise<InterfaceEntry[]> {
  const names = await organisationNamesOf(
    ctx.database.db,
    rows.flatMap((r) => [r.organisation_id, ...(JSON.parse(r.partner_organisation_ids) as string[])]),
  );
  return rows.map((r) => present(ctx, r, names));
}

/** The whole register. */
export async function listEntries(ctx: ServiceContext): Promise<InterfaceEntry[]> {
  return presentAll(ctx, await findEntries(ctx.database.db));
}

/** One entry. */
export async function getEntry(ctx: ServiceContext, id: string): Promise<InterfaceEntry> {
  const row = await findEntry(ctx.database.db, id);
  if (!row) throw new NotFoundError('Register entry');
  const [entry] = await presentAll(ctx, [row]);
  if (!entry) throw new NotFoundError('Register entry');
  return entry;
}

/** Every field of the input that names something wrong, for the entry's organisation. */
async function problemsOf(
  db: Db,
  organisationId: string,
  input: InterfaceEntryInput,
  today: string,
): Promise<FieldError[]> {
  const [ownerActive, names] = await Promise.all([
    isActiveStaffOf(db, input.ownerStaffId, organisationId),
    organisationNamesOf(db, input.partnerOrganisationIds),
  ]);
  const errors: FieldError[] = [];
  if (!ownerActive)
    errors.push({
      field: 'body.ownerStaffId',
      message: 'must be an active member of your organisation’s staff',
    });
  input.partnerOrganisationIds.forEach((id, i) => {
    if (id === organisationId || !names.has(id))
      errors.push({
        field: `body.partnerOrganisationIds.${i}`,
        message: 'must be another organisation of the partnership',
      });
  });
  if (new Set(input.partnerOrganisationIds).size !== input.partnerOrganisationIds.length)
    errors.push({ field: 'body.partnerOrganisationIds', message: 'must not name an organisation twice' });
  if (input.reviewOn <= today) errors.push({ field: 'body.reviewOn', message: 'must be after today' });
  return errors;
}

/** The stored fields an input sets, as create and update both write them. */
function entryFields(input: InterfaceEntryInput) {
  return {
    partner_organisation_ids: JSON.stringify(input.partnerOrganisationIds),
    route: input.route,
    title: input.title,
    gap: input.gap,
    owner_staff_id: input.ownerStaffId,
    likelihood: input.likelihood,
    severity: input.severity,
    risk: input.risk,
    mitigations: input.mitigations,
    review_on: input.reviewOn,
  };
}

/** Records a workaround for the caller's organisation. */
export async function createEntry(ctx: ServiceContext, input: InterfaceEntryInput): Promise<InterfaceEntry> {
  const id = crypto.randomUUID();
  const target = { type: 'interface_entry', id };
  const p = ctx.principal;
  await auditingRejection(ctx, 'interface.create', target, () =>
    ctx.database.db.transaction().execute(async (tx) => {
      if (!hasAnyRole(p, ['ig_lead', 'service_manager']))
        throw new ForbiddenError('Only IG leads and service managers record workarounds.');
      const errors = await problemsOf(tx, p.organisationId, input, todayOf(ctx));
      if (errors.length > 0) throw new ValidationError(errors);
      const at = ctx.now.toISOString();
      await insertEntry(tx, {
        id,
        organisation_id: p.organisationId,
        ...entryFields(input),
        status: 'live',
        version: 1,
        created_by: p.staffId,
        created_at: at,
        updated_at: at,
      });
      await auditChange(ctx, tx, 'interface.create', target, {
        details: {
          route: input.route,
          riskScore: input.likelihood * input.severity,
          reviewOn: input.reviewOn,
        },
      });
    }),
  );
  return getEntry(ctx, id);
}

/**
 * Updates an entry (a review records a new review date, and may change the risk and mitigations;
 * a workaround no longer needed is retired). Its organisation's IG leads and service managers, or
 * its owner; written against the version read.
 */
export async function updateEntryRecord(
  ctx: ServiceContext,
  id: string,
  input: InterfaceEntryUpdate,
): Promise<InterfaceEntry> {
  const target = { type: 'interface_entry', id };
  await auditingRejection(ctx, 'interface.update', target, () =>
    ctx.database.db.transaction().execute(async (tx) => {
      const row = await findEntry(tx, id);
      if (!row) throw new NotFoundError('Register entry');
      if (!mayEdit(ctx, row))
        throw new ForbiddenError(
          'Only the entry’s owner, or its organisation’s IG leads and service managers, change it.',
        );
      const reserved = mayManage(ctx, row) ? [] : authorisingChanges(row, input);
      if (reserved.length > 0)
        throw new AppError(
          'FORBIDDEN',
          403,
          'The entry’s owner records its reviews; its organisation’s IG leads and service managers change what it authorises.',
          reserved,
        );
      const errors = await problemsOf(tx, row.organisation_id, input, todayOf(ctx));
      if (errors.length > 0) throw new ValidationError(errors);
      const done = await updateEntry(tx, id, input.expectedVersion, {
        ...entryFields(input),
        status: input.status,
        version: input.expectedVersion + 1,
        updated_at: ctx.now.toISOString(),
      });
      if (!done)
        throw new ConflictError('The entry has changed since you read it. Reload it and edit again.', [
          { field: 'body.expectedVersion', message: `is not the current version (${row.version})` },
        ]);
      await auditChange(ctx, tx, 'interface.update', target, {
        details: {
          version: input.expectedVersion + 1,
          status: input.status,
          reviewOn: input.reviewOn,
          route: input.route,
          partnersBefore: (JSON.parse(row.partner_organisation_ids) as string[]).join(','),
          partnersAfter: input.partnerOrganisationIds.join(','),
        },
      });
    }),
  );
  return getEntry(ctx, id);
}

/** An entry whose review is due or overdue, for its owner's worklist. */
export interface DueInterfaceReview {
  readonly id: string;
  readonly title: string;
  readonly reviewOn: string;
  readonly overdue: boolean;
}

/** The caller's own entries whose review is due (within 30 days) or overdue. */
export async function dueInterfaceReviewsFor(ctx: ServiceContext): Promise<DueInterfaceReview[]> {
  const today = todayOf(ctx);
  return (await findReviewsOwned(ctx.database.db, ctx.principal.staffId, reviewHorizon(today))).map((r) => ({
    id: r.id,
    title: r.title,
    reviewOn: r.review_on,
    overdue: r.review_on < today,
  }));
}

/**
 * The live register entry a handover sent outside Accord relies on on the day: `covered` with its
 * id; `overdue` when the only entries for the route have passed their review date (the route is
 * not re-assessed, so it authorises nothing); undefined when the sender's organisation has
 * documented no such route to the recipient.
 */
export async function entryForTransfer(
  db: Db,
  t: { senderOrganisationId: string; recipientOrganisationId: string; route: string },
  today: string,
): Promise<{ covered: string } | { overdue: string } | undefined> {
  const rows = (await findLiveEntriesFor(db, t.senderOrganisationId, t.route)).map((r) => ({
    id: r.id,
    entry: {
      organisationId: r.organisation_id,
      route: r.route,
      status: r.status,
      partnerOrganisationIds: JSON.parse(r.partner_organisation_ids) as string[],
      reviewOn: r.review_on,
    },
  }));
  const current = rows.find((r) => coversTransfer(r.entry, t, today));
  if (current) return { covered: current.id };
  // The freshest entry that covered the transfer until its review date passed.
  const stale = rows.find((r) => coversTransfer(r.entry, t, r.entry.reviewOn));
  return stale ? { overdue: stale.entry.reviewOn } : undefined;
}
