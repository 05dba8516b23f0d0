/**
 * A small seeded random source for the demo generator. Math.random cannot be seeded, and the demo
 * must come out identical for the same seed so screenshots, tests and walkthroughs agree.
 */

/** A deterministic stream of pseudo-random numbers with the helpers the generator needs. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /**
   * A version-4-shaped UUID, unique for its stream and its place in it: the first 48 bits encode
   * the stream number and how many ids the stream has given, the rest are drawn. Two streams never
   * share an id, however many people the demo holds, and ids rise with the stream number, so a
   * large load appends to its indexes instead of writing all over them.
   */
  uuid(): string;
}

/** Mixes two 32-bit integers into one well-spread 32-bit seed (a murmur3-style finaliser). */
export function mixSeed(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be59b, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Byte-to-hex table: formatting UUIDs through toString(16) was the generator's hottest path.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(value: number): string {
  return (
    (HEX[(value >>> 24) & 0xff] ?? '') +
    (HEX[(value >>> 16) & 0xff] ?? '') +
    (HEX[(value >>> 8) & 0xff] ?? '') +
    (HEX[value & 0xff] ?? '')
  );
}

// Ids one stream may give; a person's care team and record need well under a hundred.
const IDS_PER_STREAM = 0x1000;
// Streams are spaced this far apart in the first 32 bits: odd, so any two streams differ, and
// small enough that the first 100,000 streams rise without wrapping whatever the id space's offset.
const STREAM_STRIDE = 40_009;

/** A 32-bit bijection (murmur3's finaliser): spreads consecutive numbers over the whole range. */
function scramble(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Mulberry32: tiny, fast and good enough for fictional data (not for anything secret). `stream`
 * numbers the ids (one stream per person, distinct within an id space); the id space (the demo's
 * seed) mixes into them, so each seed gives other ids.
 */
export function createRandom(seed: number, stream: number, idSpace = 0): Random {
  if (!Number.isInteger(stream) || stream < 0 || stream > 0xffffffff)
    throw new RangeError('stream must be a 32-bit unsigned integer');
  const streamWord = ((scramble(idSpace) & 0x0fffffff) + Math.imul(stream, STREAM_STRIDE)) >>> 0;
  const sequenceBase = scramble(idSpace ^ 0x5bd1e995) & 0xefff;
  let issued = 0;
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const word = (): number => Math.floor(next() * 4294967296);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    uuid() {
      if (issued >= IDS_PER_STREAM) throw new RangeError('too many ids drawn from one stream');
      // Both words are still drawn, so everything drawn after an id is as it always was.
      word();
      const sequence = sequenceBase + issued;
      issued += 1;
      const a = hex8(streamWord);
      const b = hex8(((sequence << 16) | (word() & 0x0fff) | 0x00004000) >>> 0);
      const c = hex8((word() & 0x3fffffff) | 0x80000000);
      const d = hex8(word());
      return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
    },
  };
}
