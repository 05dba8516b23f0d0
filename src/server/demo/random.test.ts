import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_DEMO_PEOPLE } from './generate.ts';
import { createRandom, mixSeed } from './random.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('demo ids', () => {
  it('never repeat across the largest demo, for several seeds', () => {
    for (const seed of [42, 7, 1234]) {
      const seen = new Set<string>();
      for (let index = 0; index < MAX_DEMO_PEOPLE; index++) {
        const random = createRandom(mixSeed(seed, index), index, seed);
        for (let i = 0; i < 3; i++) seen.add(random.uuid());
      }
      assert.equal(seen.size, MAX_DEMO_PEOPLE * 3);
    }
  });

  it('are version-4 shaped and rise with the person, so large loads append to indexes', () => {
    let previous = '';
    for (let index = 0; index < MAX_DEMO_PEOPLE; index += 997) {
      const random = createRandom(mixSeed(42, index), index, 42);
      for (let i = 0; i < 4; i++) {
        const id = random.uuid();
        assert.match(id, UUID_V4);
        assert.ok(id > previous, `${id} after ${previous}`);
        previous = id;
      }
    }
  });

  it('differ between seeds for the same person', () => {
    const a = createRandom(mixSeed(42, 5), 5, 42).uuid();
    const b = createRandom(mixSeed(7, 5), 5, 7).uuid();
    assert.notEqual(a, b);
  });

  it('leave the rest of the stream as it would be without ids', () => {
    const withIds = createRandom(99, 3, 42);
    const withoutIds = createRandom(99, 3, 42);
    withIds.uuid();
    for (let i = 0; i < 4; i++) withoutIds.next();
    assert.equal(withIds.next(), withoutIds.next());
  });
});
