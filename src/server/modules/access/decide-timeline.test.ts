import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeMembership, makeRequest } from './access.factories.ts';
import { DEFAULT_TIER_POLICY } from './access.ts';
import { decide } from './decide.ts';
import { dayNumberOf } from './decide-time.ts';
import { type DayProbe, type DayTimeline, probeOf, timelineOf, valueOn } from './decide-timeline.ts';

interface Window {
  readonly start: string;
  readonly end: string | null;
}

/** The index of the first window the day falls in (inclusive dates), or -1: the rules' own shape. */
const firstWithin =
  (windows: readonly Window[]) =>
  (day: DayProbe): number =>
    windows.findIndex((w) => day.onOrAfter(w.start) && (w.end === null || !day.after(w.end)));

function timelineOfWindows(windows: readonly Window[]): DayTimeline<number> {
  return timelineOf(
    windows.map((w) => w.start),
    windows.flatMap((w) => (w.end === null ? [] : [w.end])),
    firstWithin(windows),
    (a, b) => a === b,
  );
}

const at = (timeline: DayTimeline<number>, today: string): number =>
  valueOn(timeline, today, dayNumberOf(today));

const isoDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const dayCount = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** Every day from `from` to `to` answers as the rule asked directly on that day does. */
function agreesDirectly(windows: readonly Window[], from: string, to: string): void {
  const timeline = timelineOfWindows(windows);
  for (let d = dayCount(from); d <= dayCount(to); d++) {
    const today = isoDay(d);
    assert.equal(at(timeline, today), firstWithin(windows)(probeOf(today)), today);
  }
}

describe('timelineOf and valueOn: an answer for every day from the facts’ dates', () => {
  it('holds from the start date inclusive to the end date inclusive', () => {
    const timeline = timelineOfWindows([{ start: '2025-03-10', end: '2025-03-20' }]);
    assert.deepEqual(timeline.bounds, ['2025-03-10', '2025-03-20']);
    assert.deepEqual(timeline.strict, [false, true]);
    assert.deepEqual(timeline.values, [-1, 0, -1]);
    assert.deepEqual(timeline.firstDays, [20250310, 20250321]);
    assert.equal(at(timeline, '2025-03-09'), -1);
    assert.equal(at(timeline, '2025-03-10'), 0);
    assert.equal(at(timeline, '2025-03-20'), 0);
    assert.equal(at(timeline, '2025-03-21'), -1);
  });

  it('holds on exactly one day when start and end are the same date', () => {
    const timeline = timelineOfWindows([{ start: '2025-03-30', end: '2025-03-30' }]);
    // For one date the start is passed on the day, the end only by a later day.
    assert.deepEqual(timeline.strict, [false, true]);
    assert.equal(at(timeline, '2025-03-29'), -1);
    assert.equal(at(timeline, '2025-03-30'), 0);
    assert.equal(at(timeline, '2025-03-31'), -1);
  });

  it('crosses month, year and leap-day boundaries as whole days', () => {
    agreesDirectly(
      [
        { start: '2024-02-28', end: '2024-02-29' },
        { start: '2024-02-29', end: '2024-03-01' },
        { start: '2024-12-31', end: '2025-01-01' },
      ],
      '2024-02-25',
      '2025-01-03',
    );
  });

  it('has one answer for every day when there are no dates', () => {
    const timeline = timelineOf(
      [],
      [],
      () => 'always',
      (a, b) => a === b,
    );
    assert.deepEqual(timeline.bounds, []);
    assert.deepEqual(timeline.values, ['always']);
    assert.deepEqual(timeline.firstDays, []);
    assert.equal(valueOn(timeline, '2025-06-15', dayNumberOf('2025-06-15')), 'always');
    assert.equal(valueOn(timeline, 'not a date', -1), 'always');
  });

  it('has one answer for every day when no date changes it, and merges equal stretches', () => {
    const never = timelineOf(
      ['2025-01-01', '2025-02-01'],
      ['2025-03-01'],
      () => false,
      (a, b) => a === b,
    );
    assert.deepEqual(never.bounds, []);
    assert.deepEqual(never.values, [false]);
    // Two overlapping windows: the answer changes where the first starts and after the second ends.
    const either = timelineOf(
      ['2025-01-01', '2025-01-05'],
      ['2025-01-10', '2025-01-20'],
      (day) =>
        (day.onOrAfter('2025-01-01') && !day.after('2025-01-10')) ||
        (day.onOrAfter('2025-01-05') && !day.after('2025-01-20')),
      (a, b) => a === b,
    );
    assert.deepEqual(either.bounds, ['2025-01-01', '2025-01-20']);
    assert.deepEqual(either.values, [false, true, false]);
  });

  it('keeps the first window in order where windows overlap', () => {
    const windows = [
      { start: '2025-01-05', end: '2025-01-15' },
      { start: '2025-01-01', end: null },
      { start: '2025-01-10', end: '2025-01-10' },
    ];
    agreesDirectly(windows, '2024-12-30', '2025-01-20');
    const timeline = timelineOfWindows(windows);
    assert.equal(at(timeline, '2025-01-04'), 1);
    assert.equal(at(timeline, '2025-01-10'), 0);
    assert.equal(at(timeline, '2025-01-16'), 1);
  });

  it('searches more than twelve dates as it scans a few', () => {
    // Fifteen one- and two-day windows a few days apart: thirty bounds, every one changing the answer.
    const windows: Window[] = [];
    let day = dayCount('2025-10-01');
    for (let i = 0; i < 15; i++) {
      const length = i % 2;
      windows.push({ start: isoDay(day), end: isoDay(day + length) });
      day += length + 1 + (i % 3);
    }
    const timeline = timelineOfWindows(windows);
    assert.equal(timeline.bounds.length, 30);
    assert.ok(timeline.firstDays !== null);
    agreesDirectly(windows, '2025-09-28', isoDay(day + 2));
    agreesDirectly(windows.slice(0, 6), '2025-09-28', isoDay(day + 2));
  });

  it('compares dates in other forms as strings, as the rules do', () => {
    const windows = [
      { start: '2025-03-10T00:00', end: '2025-03-20' },
      { start: '2025/03/12', end: null },
      { start: '2025-3-15', end: '' },
      { start: '2025-03-05', end: '2025-03-07' },
    ];
    const timeline = timelineOfWindows(windows);
    assert.equal(timeline.firstDays, null);
    // '2025-03-10T00:00' sorts after '2025-03-10': the window opens on the 11th.
    assert.equal(at(timeline, '2025-03-10'), -1);
    assert.equal(at(timeline, '2025-03-11'), 0);
    agreesDirectly(windows, '2025-03-01', '2025-12-31');
    // A day written in another form is compared as a string too.
    assert.equal(at(timeline, '2025-03-05'), 3);
    assert.equal(at(timeline, '2025-03-07'), 3);
    assert.equal(at(timeline, '2025-03-08'), -1);
    for (const today of ['2025-03-10T00:00', '2025-03-10T12:00', '2025/03/12', '2025/03/30', '', 'later'])
      assert.equal(valueOn(timeline, today, dayNumberOf(today)), firstWithin(windows)(probeOf(today)), today);
  });

  it('refuses a rule that asks about a date it was not built with', () => {
    assert.throws(() =>
      timelineOf(
        ['2025-01-01'],
        [],
        (day) => day.after('2025-01-01'),
        (a, b) => a === b,
      ),
    );
  });
});

describe('decide: a member of staff asked about again', () => {
  it('is answered from their teams as they are now, even when changed in place', () => {
    const teamIds = ['team-cmht'];
    const request = makeRequest({
      actor: { teamIds },
      facts: { careTeam: [makeMembership({ id: 'ctm-team', staffId: null, teamId: 'team-cmht' })] },
    });
    // Asked twice, so the member's memberships by day are kept.
    assert.equal(decide(request, DEFAULT_TIER_POLICY).effect, 'permit');
    assert.equal(decide(request, DEFAULT_TIER_POLICY).effect, 'permit');
    teamIds[0] = 'team-other';
    assert.equal(decide(request, DEFAULT_TIER_POLICY).effect, 'deny');
    assert.equal(decide(request, DEFAULT_TIER_POLICY).effect, 'deny');
  });
});
