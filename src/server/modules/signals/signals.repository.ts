/**
 * Queries of risk signals, a governed table: every function takes a value the access door made
 * (or the named unrestricted handle, for the sweep) and person-scoped ones read only the person
 * the value was decided for.
 */
import type { DataCategory } from '../../../contracts/enums.ts';
import type { AlertKind, SignalDto, SignalPrompt } from '../../../contracts/signals.ts';
import type { SystemAccess } from '../../db/system-db.ts';
import type { PersonScope, PersonWrite } from '../access/index.ts';
import type { SignalFact } from './escalation.ts';
import type { RiskSignalRow } from './signals.tables.ts';

/** Stores a signal. */
export async function insertSignal(write: PersonWrite, row: Omit<RiskSignalRow, 'person_id'>): Promise<void> {
  await write.db
    .insertInto('risk_signals')
    .values({ ...row, person_id: write.personId })
    .execute();
}

/**
 * Serialises rule evaluation for one person: a no-op update takes the person's row lock on
 * PostgreSQL (SQLite's write transaction already is one), so two signals recorded at once cannot
 * both raise an alert over the same signals.
 */
export async function lockPersonForEvaluation(
  scope: PersonWrite | { system: SystemAccess; personId: string },
): Promise<void> {
  await ('system' in scope ? scope.system.db : scope.db)
    .updateTable('people')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', scope.personId)
    .execute();
}

type SignalScope = PersonScope | { system: SystemAccess; personId: string };
const dbOf = (scope: SignalScope) => ('system' in scope ? scope.system.db : scope.db);

/**
 * What the rules read of the person's signals observed in (from, to], with the alert kinds each
 * already contributed to. Indexed by (person, observed time).
 */
export async function findSignalFacts(scope: SignalScope, from: string, to: string): Promise<SignalFact[]> {
  const db = dbOf(scope);
  const rows = await db
    .selectFrom('risk_signals as s')
    .leftJoin('signal_alert_links as l', 'l.signal_id', 's.id')
    .select(['s.id', 's.prompt', 's.organisation_id', 's.observed_at', 'l.kind'])
    .where('s.person_id', '=', scope.personId)
    .where('s.observed_at', '>', from)
    .where('s.observed_at', '<=', to)
    .execute();
  const byId = new Map<string, { fact: Omit<SignalFact, 'linkedKinds'>; kinds: AlertKind[] }>();
  for (const r of rows) {
    let entry = byId.get(r.id);
    if (!entry) {
      entry = {
        fact: {
          id: r.id,
          prompt: r.prompt as SignalPrompt,
          organisationId: r.organisation_id,
          observedAt: r.observed_at,
        },
        kinds: [],
      };
      byId.set(r.id, entry);
    }
    if (r.kind) entry.kinds.push(r.kind as AlertKind);
  }
  return [...byId.values()].map((e) => ({ ...e.fact, linkedKinds: e.kinds }));
}

/** People with a signal observed in (from, to], a page at a time by person id: the sweep's driver. */
export async function findPeopleWithSignals(
  system: SystemAccess,
  from: string,
  to: string,
  afterPersonId: string | null,
  limit: number,
): Promise<string[]> {
  let q = system.db
    .selectFrom('risk_signals')
    .select('person_id')
    .distinct()
    .where('observed_at', '>', from)
    .where('observed_at', '<=', to);
  if (afterPersonId) q = q.where('person_id', '>', afterPersonId);
  const rows = await q.orderBy('person_id').limit(limit).execute();
  return rows.map((r) => r.person_id);
}

const signalColumns = [
  's.id',
  's.prompt',
  's.category',
  's.observation',
  's.observed_at',
  's.entered_at',
  's.organisation_id',
  'o.name as organisation_name',
  'a.display_name as recorded_by_name',
  's.contact_id',
] as const;

function toDto(r: {
  id: string;
  prompt: string;
  category: string;
  observation: string;
  observed_at: string;
  entered_at: string;
  organisation_id: string;
  organisation_name: string;
  recorded_by_name: string;
  contact_id: string | null;
}): SignalDto {
  return {
    id: r.id,
    prompt: r.prompt as SignalPrompt,
    category: r.category as DataCategory,
    observation: r.observation,
    observedAt: r.observed_at,
    enteredAt: r.entered_at,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    recordedByName: r.recorded_by_name,
    contactId: r.contact_id,
  };
}

/** The person's signals, newest first. */
export async function findSignals(read: PersonScope, limit: number): Promise<SignalDto[]> {
  const rows = await read.db
    .selectFrom('risk_signals as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .innerJoin('staff as a', 'a.id', 's.recorded_by')
    .select(signalColumns)
    .where('s.person_id', '=', read.personId)
    .orderBy('s.observed_at', 'desc')
    .orderBy('s.id')
    .limit(limit)
    .execute();
  return rows.map(toDto);
}

/** The signals linked to one of the person's alerts. */
export async function findAlertSignals(read: PersonScope, alertId: string): Promise<SignalDto[]> {
  const rows = await read.db
    .selectFrom('signal_alert_links as l')
    .innerJoin('risk_signals as s', 's.id', 'l.signal_id')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .innerJoin('staff as a', 'a.id', 's.recorded_by')
    .select(signalColumns)
    .where('l.alert_id', '=', alertId)
    .where('s.person_id', '=', read.personId)
    .orderBy('s.observed_at')
    .orderBy('s.id')
    .execute();
  return rows.map(toDto);
}
