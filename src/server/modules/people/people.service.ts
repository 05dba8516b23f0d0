import type { CareTeamInput, PersonDetail, PersonInput } from '../../../contracts/people.ts';
import { ConflictError, ForbiddenError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import {
  decideFor,
  isCurrentCoordinator,
  mayReceiveAccessReport,
  openPerson,
  type PersonAccessQuestion,
  type PersonRead,
  writeNewPerson,
} from '../access/index.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { loadConsentHeader } from '../consent/index.ts';
import { safeguardingFlagOf } from '../signals/safeguarding.index.ts';
import { findEntries, findPersonIdByNhsNumber, insertPerson } from './people.repository.ts';
import { presentSections, viewAuditEvents } from './record-access.ts';
import { keptConsentRows, loadSharingFacts } from './sharing-facts.ts';

/** Roles that manage a person's care team and register people. */
export const CARE_TEAM_MANAGERS = ['care_manager', 'service_manager', 'clinical'] as const;

/** Opens a person with every fact a record decision needs, or a 404 (audited) when the caller may not know them. */
export function openRecord(ctx: ServiceContext, personId: string): Promise<PersonRead> {
  return openPerson(ctx, personId, { extraFacts: loadSharingFacts });
}

/** The caller's own live break-glass grant in the facts, if any. */
function liveGrantOf(q: PersonAccessQuestion): PersonDetail['breakGlass'] {
  const grant = q.facts.breakGlassGrants.find(
    (g) => g.staffId === q.principal.staffId && g.grantedAt <= q.at && q.at < g.expiresAt,
  );
  return grant ? { grantId: grant.id, expiresAt: grant.expiresAt, categories: [...grant.categories] } : null;
}

/** A person's page: header, care team and record sections, each section decided for the caller. */
export async function getPerson(ctx: ServiceContext, personId: string): Promise<PersonDetail> {
  const read = await openRecord(ctx, personId);
  const q = read.question;
  const person = read.loaded.person;
  // openPerson answers 404 for a person who does not exist; the row is always there.
  if (!person) throw new Error('opened person without a row');
  const [entries, consent, safeguarding] = await Promise.all([
    findEntries(read),
    loadConsentHeader(read, ctx.now.toISOString(), {
      showReasons:
        liveGrantOf(q) === null &&
        hasAnyRole(ctx.principal, ['care_manager', 'clinical', 'service_manager', 'safeguarding_lead']),
      // What the decision loaded: the consent rows, the care team and the partnership-wide facts.
      known: {
        ...(keptConsentRows(read) ? { rows: keptConsentRows(read) } : {}),
        careTeam: read.loaded.memberships,
        partnership: read.partnership,
      },
    }),
    safeguardingFlagOf(read, ctx.database.db),
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
    careTeam: read.loaded.careTeam,
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
    safeguarding,
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
  const id = crypto.randomUUID();
  const now = ctx.now.toISOString();
  try {
    await writeNewPerson(ctx, async (write) => {
      const clash = await findPersonIdByNhsNumber(write, input.nhsNumber);
      if (clash) throw new RegisteredAlready(clash);
      await insertPerson(
        write,
        {
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
        },
        {
          id: crypto.randomUUID(),
          staffId: ctx.principal.staffId,
          organisationId: ctx.principal.organisationId,
          role,
          startDate: todayOf(ctx),
        },
      );
      await auditChange(ctx, write.tx, 'person.register', { type: 'person', id }, { personId: id });
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
