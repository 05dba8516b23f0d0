/**
 * Malformed request parts for the route fuzzer: path segments, query strings, bodies and headers
 * that a hostile or broken client sends. Every choice comes from a seeded generator, so a run can
 * be repeated exactly.
 */

/** A seeded pseudo-random source (mulberry32). */
export interface Rng {
  next(): number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** Makes a seeded generator. */
export function rng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return { next, int, pick: (items) => items[int(items.length)] as never, chance: (p) => next() < p };
}

/** A digit run shaped like an NHS number: it must never be echoed in a response or logged. */
export const NHS_LIKE = '9434765919';

/** Path segments: bad ids, bad percent-encodings, NUL, overlong, traversal, NHS-number shaped. */
const BAD_SEGMENTS: readonly string[] = [
  'not-a-uuid',
  NHS_LIKE,
  `x${NHS_LIKE}y`,
  '%00',
  `a%00${NHS_LIKE}`,
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AE',
  '%ff%fe',
  '%F0%9F%92%A9',
  '..%2F..%2Fetc%2Fpasswd',
  '__proto__',
  'constructor',
  '-1',
  '0',
  '1e400',
  'null',
  '%20',
  '00000000-0000-0000-0000-00000000000g',
  '00000000-0000-4000-8000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];

/** A bad value for one path parameter. */
export function badSegment(r: Rng, validIds: readonly string[]): string {
  const roll = r.int(10);
  if (roll < 2 && validIds.length > 0) return r.pick(validIds);
  if (roll === 2) return 'a'.repeat(r.pick([300, 2_000, 9_000]));
  if (roll === 3) return `${crypto.randomUUID()}${r.pick(['%00', '%', 'x', '%2F', NHS_LIKE])}`;
  return r.pick(BAD_SEGMENTS);
}

const QUERY_VALUES: readonly string[] = [
  '',
  'abc',
  '-1',
  '0',
  '1e99',
  '99999999999999999999',
  'NaN',
  'true',
  '2026-13-45',
  'not-a-date',
  '%00',
  `x%00${NHS_LIKE}`,
  '%',
  '%zz',
  '%E0%A4%A',
  NHS_LIKE,
  '__proto__',
  '[object Object]',
];

const QUERY_NAMES: readonly string[] = [
  'limit',
  'offset',
  'cursor',
  'from',
  'to',
  'q',
  'status',
  'personId',
  'staffId',
  'format',
  '__proto__',
  '__proto__[polluted]',
  'constructor[prototype][x]',
  '%',
  '',
];

/** A malformed query string (with its `?`), built from the route's declared names and known traps. */
export function badQuery(r: Rng, declared: readonly string[]): string {
  const parts: string[] = [];
  const count = 1 + r.int(4);
  for (let i = 0; i < count; i++) {
    const name = declared.length > 0 && r.chance(0.7) ? r.pick(declared) : r.pick(QUERY_NAMES);
    const value = r.chance(0.1) ? 'z'.repeat(r.pick([500, 5_000])) : r.pick(QUERY_VALUES);
    parts.push(`${name}=${value}`);
    if (r.chance(0.2)) parts.push(`${name}=${r.pick(QUERY_VALUES)}`);
  }
  return `?${parts.join('&')}`;
}

/** A value of a wrong or hostile kind for a body field. */
function badValue(r: Rng, depth = 0): unknown {
  switch (r.int(16)) {
    case 0:
      return null;
    case 1:
      return r.pick([0, -1, 1.5, 2 ** 53 + 1, -(2 ** 31), 1e308]);
    case 2:
      return r.chance(0.5);
    case 3:
      return `text\u0000${NHS_LIKE}`;
    case 4:
      return 'x'.repeat(r.pick([256, 5_000, 100_000]));
    case 5:
      return depth < 3 ? [badValue(r, depth + 1), badValue(r, depth + 1)] : [];
    case 6:
      return depth < 3 ? { nested: badValue(r, depth + 1) } : {};
    case 7:
      return '';
    case 8:
      return r.pick(['2026-02-30', '2026-13-01', '9999-99-99T99:99:99Z', 'yesterday']);
    case 9:
      return r.pick(['not-a-uuid', crypto.randomUUID(), NHS_LIKE, '943 476 5919']);
    case 10:
      return '\ud800';
    case 11:
      return r.pick(['<script>alert(1)</script>', "' or 1=1 --", '{{7*7}}', '../../etc/passwd']);
    case 12:
      return '\u0000';
    case 13:
      return ['\u0000'];
    default:
      return r.pick(['ok', 'ROUTINE', 'care_manager', 'DIRECT_CARE', 'active', 'SAFEGUARDING']);
  }
}

/** A JSON-shaped body with the route's declared fields, holding wrong or hostile values. */
function badObject(r: Rng, fields: readonly string[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) if (r.chance(0.7)) body[field] = badValue(r);
  if (r.chance(0.2)) body[r.pick(['extra', 'admin', 'role', 'id'])] = badValue(r);
  return body;
}

/** Raw texts that are not the JSON an endpoint expects. */
const RAW_BODIES: readonly string[] = [
  '{',
  '{"a":',
  '}',
  'null',
  '[]',
  '"x"',
  '1',
  'true',
  '{"__proto__":{"polluted":1}}',
  '{"a":{"__proto__":{"polluted":1}}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"a":1,"a":2}',
  '{"a":1e999}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  `{"a":"${NHS_LIKE}\\u0000"}`,
  '\u0000',
  '{"a":1}\u0000',
  '\ufeff{}',
];

/** A body to send, with its content type (null sends none). */
export interface BadBody {
  readonly payload: string | Buffer | undefined;
  readonly contentType: string | null;
}

/** A malformed body for a route whose body schema declares these fields. */
export function badBody(r: Rng, fields: readonly string[]): BadBody {
  const contentType = r.chance(0.85)
    ? 'application/json'
    : r.pick([
        null,
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
        'multipart/form-data; boundary=x',
        'application/fhir+json',
        'application/json\u0000',
      ]);
  const roll = r.int(10);
  if (roll < 3) {
    const raw = r.pick(RAW_BODIES);
    if (raw === '{' || !fields[0] || !r.chance(0.5)) return { payload: raw, contentType };
    // A declared field with a prototype key inside, to reach past the top-level check.
    return { payload: `{"${fields[0]}":{"__proto__":{"x":1}},"__proto__":{"y":2}}`, contentType };
  }
  if (roll === 3)
    return { payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), contentType };
  if (roll === 4) return { payload: `${'['.repeat(5_000)}${']'.repeat(5_000)}`, contentType };
  if (roll === 5) return { payload: undefined, contentType };
  if (roll === 6) return { payload: JSON.stringify(badValue(r)), contentType };
  return { payload: JSON.stringify(badObject(r, fields)), contentType };
}
