import assert from 'node:assert/strict';
import { it } from 'node:test';
import { BANK_HOLIDAY_YEARS, ENGLAND_AND_WALES_BANK_HOLIDAYS, isWorkingDay } from './bank-holidays.ts';
import { nextWorkingDayStart } from './exchange.ts';

it('lists eight bank holidays a year, each on a weekday (substitute days replace weekend dates)', () => {
  for (let year = BANK_HOLIDAY_YEARS.first; year <= BANK_HOLIDAY_YEARS.last; year++) {
    const days = [...ENGLAND_AND_WALES_BANK_HOLIDAYS].filter((d) => d.startsWith(`${year}-`));
    assert.equal(days.length, 8, String(year));
    for (const d of days) assert.ok(![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()), d);
  }
  assert.equal(isWorkingDay('2026-12-28'), false, 'Boxing Day 2026 falls on a Saturday: Monday instead');
  assert.equal(isWorkingDay('2026-12-29'), true);
  assert.equal(isWorkingDay('2026-12-26'), false, 'a Saturday');
});

it('an interim decision reaches the coordinator on the next working day, skipping bank holidays', () => {
  // Christmas Eve 2026 (Thursday) at night: Christmas, the weekend and the substitute Boxing Day pass.
  assert.equal(nextWorkingDayStart(new Date('2026-12-24T22:00:00Z')), '2026-12-29T09:00:00.000Z');
  // Maundy Thursday 2026 at night: Good Friday, the weekend and Easter Monday pass; 09:00 BST.
  assert.equal(nextWorkingDayStart(new Date('2026-04-02T21:00:00Z')), '2026-04-07T08:00:00.000Z');
  // An ordinary Friday night: Monday.
  assert.equal(nextWorkingDayStart(new Date('2026-11-27T23:00:00Z')), '2026-11-30T09:00:00.000Z');
  // New Year's Eve 2027 (Friday): 1 January 2028 is a Saturday, its substitute the Monday.
  assert.equal(nextWorkingDayStart(new Date('2027-12-31T20:00:00Z')), '2028-01-04T09:00:00.000Z');
});
