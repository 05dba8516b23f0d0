import type { DatabaseHandle, FullDb } from '../../src/server/db/database.ts';
import { loadPersonFacts } from '../../src/server/modules/access/access-facts.repository.ts';
import type { FactsAccess } from '../../src/server/modules/access/door.ts';
import type { PersonRead, PersonWrite } from '../../src/server/modules/access/index.ts';

/**
 * The full handle, for test fixtures and assertions only: tests seed and inspect person-level
 * tables directly, which production code may do only through the access door.
 */
export function governedDb(database: DatabaseHandle): FullDb {
  return database.db as unknown as FullDb;
}

/** A decided read of one person made without a caller, for testing what a repository or report does with one. */
export async function personReadForTest(database: DatabaseHandle, personId: string): Promise<PersonRead> {
  const db = governedDb(database);
  const loaded = await loadPersonFacts(
    { db, personId } as unknown as FactsAccess,
    new Date().toISOString().slice(0, 10),
  );
  return { db, personId, loaded, question: {} } as unknown as PersonRead;
}

/** A decided write to one person inside a transaction, for tests of what runs inside one. */
export async function personWriteForTest(tx: FullDb, personId: string): Promise<PersonWrite> {
  const loaded = await loadPersonFacts(
    { db: tx, personId } as unknown as FactsAccess,
    new Date().toISOString().slice(0, 10),
  );
  return { db: tx, tx, personId, loaded, question: {} } as unknown as PersonWrite;
}
