import type { PersonDetail, RecordEntry } from '../../../contracts/people.ts';

/** An entry shown on a person's page, or undefined when the caller was not shown it. */
export function findEntry(person: PersonDetail, entryId: string): RecordEntry | undefined {
  for (const section of person.sections) {
    const entry = section.entries.find((e) => e.id === entryId);
    if (entry) return entry;
  }
  return undefined;
}
