import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPersonGenerator } from './generate.ts';
import { NORTHSHIRE } from './partnership.ts';
import { type PersonBatch, personBatches } from './person-batches.ts';

const TODAY = new Date('2028-02-29T10:15:00Z');

async function collect(onThread: boolean, total: number): Promise<PersonBatch[]> {
  const out: PersonBatch[] = [];
  for await (const batch of personBatches({ total, seed: 7, today: TODAY, batchSize: 40, onThread }))
    out.push(batch);
  return out;
}

describe('personBatches', () => {
  it('gives the same rows on a worker thread as in process, in index order', async () => {
    const [onThread, inProcess] = await Promise.all([collect(true, 130), collect(false, 130)]);
    assert.deepEqual(onThread, inProcess);
    assert.deepEqual(
      inProcess.map((b) => [b.start, b.personIds.length]),
      [
        [0, 40],
        [40, 40],
        [80, 40],
        [120, 10],
      ],
    );
  });

  it('lays out the generator rows flat, columns in row key order', async () => {
    const [first] = await collect(false, 3);
    const make = createPersonGenerator({ seed: 7, today: TODAY, partnership: NORTHSHIRE });
    const people = [0, 1, 2].map((i) => make(i));
    assert.ok(first);
    assert.deepEqual(
      first.personIds,
      people.map((p) => p.person.id),
    );
    const [persons, memberships, entries, versions] = first.tables;
    assert.deepEqual(persons?.columns, Object.keys(people[0]?.person ?? {}));
    assert.deepEqual(
      persons?.values,
      people.flatMap((p) => Object.values(p.person)),
    );
    assert.deepEqual(
      memberships?.values,
      people.flatMap((p) => p.memberships.flatMap((m) => Object.values(m))),
    );
    assert.deepEqual(
      entries?.values,
      people.flatMap((p) => p.entries.flatMap((e) => Object.values(e))),
    );
    assert.deepEqual(
      versions?.values,
      people.flatMap((p) => p.versions.flatMap((v) => Object.values(v))),
    );
    assert.equal(
      first.entries,
      people.reduce((n, p) => n + p.entries.length, 0),
    );
  });

  it('stops the thread when the reader stops early', async () => {
    let seen = 0;
    for await (const _ of personBatches({
      total: 400,
      seed: 7,
      today: TODAY,
      batchSize: 40,
      onThread: true,
    })) {
      seen += 1;
      if (seen === 2) break;
    }
    assert.equal(seen, 2);
  });
});
