import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { instantOf } from './decide-time.ts';

const same = (at: string): void => {
  const ours = instantOf(at);
  const parsed = Date.parse(at);
  assert.ok(ours === parsed || (Number.isNaN(ours) && Number.isNaN(parsed)), `${at}: ${ours} != ${parsed}`);
};

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

describe('instantOf: the request instant, read as Date.parse reads it', () => {
  it('agrees with Date.parse on instants from year 1000 to 9999, with and without milliseconds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }),
        fc.boolean(),
        (ms, whole) => {
          const iso = new Date(ms).toISOString();
          same(whole ? `${iso.slice(0, 19)}Z` : iso);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('agrees on fields out of range and on other forms, which Date.parse decides', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (year, month, day, hour, minute, second) => {
          same(
            `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}Z`,
          );
        },
      ),
      { numRuns: 20_000 },
    );
    for (const at of [
      '2024-02-29T12:00:00Z',
      '2023-02-29T12:00:00Z',
      '2000-02-29T23:59:59.999Z',
      '1900-02-29T00:00:00Z',
      '2026-03-29T00:59:59.999Z',
      '2026-10-25T01:00:00Z',
      '2026-06-01T10:00:00+01:00',
      '2026-06-01',
      '2026-06-0xT10:00:00Z',
      'not a date',
    ])
      same(at);
  });

  it('reads successive instants of one day and then of another day correctly', () => {
    for (const at of [
      '2026-12-07T09:00:00Z',
      '2026-12-07T23:59:59.999Z',
      '2026-12-08T00:00:00Z',
      '2026-12-07T00:00:00.001Z',
    ])
      same(at);
  });
});
