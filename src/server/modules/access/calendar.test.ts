import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { calendarDateOf, ukDateOf } from './calendar.ts';

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
