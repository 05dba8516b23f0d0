import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { calendarDateOf, ukDateOf, ukEndOfDay, ukEndOfDayMs } from './calendar.ts';

const london = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('calendarDateOf: the UK date of an instant', () => {
  it('follows British Summer Time around both clock changes', () => {
    assert.equal(calendarDateOf('2025-03-30T00:59:59Z'), '2025-03-30');
    assert.equal(calendarDateOf('2025-03-29T23:30:00Z'), '2025-03-29');
    assert.equal(calendarDateOf('2025-03-30T23:30:00Z'), '2025-03-31');
    assert.equal(calendarDateOf('2025-10-25T23:30:00Z'), '2025-10-26');
    assert.equal(calendarDateOf('2025-10-26T23:30:00Z'), '2025-10-26');
    assert.equal(calendarDateOf('2024-02-28T23:30:00Z'), '2024-02-28');
    assert.equal(calendarDateOf('2025-06-15T10:00:00+01:00'), '2025-06-15');
  });
  it('is null for an unreadable instant', () => {
    assert.equal(calendarDateOf('yesterday-ish'), null);
  });
  it('agrees with the Europe/London time zone for instants from 1996 (current rules) to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1996, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        assert.equal(ukDateOf(ms), london.format(ms));
      }),
      { numRuns: 2000 },
    );
  });
  it('agrees with Europe/London in the hours around every clock change', () => {
    const nearChange = fc
      .record({
        year: fc.integer({ min: 1996, max: 2100 }),
        month: fc.constantFrom(2, 9),
        day: fc.integer({ min: 24, max: 31 }),
        minute: fc.integer({ min: -120, max: 180 }),
      })
      .map(({ year, month, day, minute }) => Date.UTC(year, month, day) + minute * 60_000);
    fc.assert(
      fc.property(nearChange, (ms) => {
        assert.equal(ukDateOf(ms), london.format(ms));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('ukEndOfDay: the last instant of a UK date', () => {
  it('is 23:59:59.999 UTC in winter and 22:59:59.999 UTC in summer time', () => {
    assert.equal(ukEndOfDay('2026-01-15'), '2026-01-15T23:59:59.999Z');
    assert.equal(ukEndOfDay('2026-07-01'), '2026-07-01T22:59:59.999Z');
    // The days the clocks change: midnight that starts the next day is on the new offset.
    assert.equal(ukEndOfDay('2026-03-28'), '2026-03-28T23:59:59.999Z');
    assert.equal(ukEndOfDay('2026-03-29'), '2026-03-29T22:59:59.999Z');
    assert.equal(ukEndOfDay('2026-10-24'), '2026-10-24T22:59:59.999Z');
    assert.equal(ukEndOfDay('2026-10-25'), '2026-10-25T23:59:59.999Z');
  });

  it('belongs to its own UK date, and the next millisecond to the next date, for any date to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1996, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const date = ukDateOf(ms);
        const end = ukEndOfDayMs(date);
        assert.equal(ukDateOf(end), date);
        assert.notEqual(ukDateOf(end + 1), date);
        assert.ok(end >= ms);
      }),
      { numRuns: 2000 },
    );
  });
});
