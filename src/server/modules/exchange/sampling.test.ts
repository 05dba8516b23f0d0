import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { drawSample, lastCompleteWeek, medianAndP90, timelinessByWeek, weekFrom } from './sampling.ts';

it('the sampled week runs Monday to Monday in UK time, across the clock change', () => {
  // Wednesday 2 December 2026: last complete week began Monday 23 November (GMT).
  assert.deepEqual(lastCompleteWeek(new Date('2026-12-02T09:00:00Z')), {
    start: '2026-11-23',
    end: '2026-11-30',
    fromInstant: '2026-11-23T00:00:00.000Z',
    toInstant: '2026-11-30T00:00:00.000Z',
  });
  // Summer time: a UK Monday begins at 23:00 UTC on the Sunday.
  assert.equal(weekFrom('2026-06-01').fromInstant, '2026-05-31T23:00:00.000Z');
  // Sunday 23:30 UTC in summer is already Monday in the UK: that Monday's week is the current one.
  assert.equal(lastCompleteWeek(new Date('2026-06-07T23:30:00Z')).start, '2026-06-01');
});

it('a sample depends on the seed and the set of candidates only, not their order', () => {
  const candidate = fc.record({
    handoverId: fc.uuid(),
    personId: fc.uuid(),
    sentAt: fc
      .date({ min: new Date('2026-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString()),
  });
  fc.assert(
    fc.property(
      fc.uniqueArray(candidate, { selector: (c) => c.handoverId, maxLength: 30 }),
      fc.string(),
      (cs, seed) => {
        const a = drawSample(cs, seed, 5);
        const b = drawSample([...cs].reverse(), seed, 5);
        assert.deepEqual(a, b);
        assert.equal(a.length, Math.min(5, cs.length));
        assert.equal(new Set(a.map((c) => c.handoverId)).size, a.length);
      },
    ),
  );
});

it('different seeds draw different samples from the same week', () => {
  const cs = Array.from({ length: 20 }, (_, i) => ({
    handoverId: `h${i}`,
    personId: `p${i}`,
    sentAt: `2026-11-23T${String(i).padStart(2, '0')}:00:00.000Z`,
  }));
  assert.notDeepEqual(drawSample(cs, 'one', 5), drawSample(cs, 'two', 5));
});

it('median and 90th percentile by nearest rank, null when nothing was acknowledged', () => {
  assert.deepEqual(medianAndP90([]), { median: null, p90: null });
  assert.deepEqual(medianAndP90([7]), { median: 7, p90: 7 });
  assert.deepEqual(medianAndP90([90, 10, 30, 20, 50, 40]), { median: 35, p90: 90 });
  assert.deepEqual(medianAndP90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), { median: 5.5, p90: 9 });
});

it('timeliness counts a late acknowledgement and an unacknowledged one past due as overdue', () => {
  const rows = [
    {
      sentAt: '2026-11-23T10:00:00.000Z',
      dueAt: '2026-11-23T11:00:00.000Z',
      acknowledgedAt: '2026-11-23T10:30:00.000Z',
    },
    {
      sentAt: '2026-11-24T10:00:00.000Z',
      dueAt: '2026-11-24T11:00:00.000Z',
      acknowledgedAt: '2026-11-24T11:30:00.000Z',
    },
    { sentAt: '2026-11-25T10:00:00.000Z', dueAt: '2026-11-25T11:00:00.000Z', acknowledgedAt: null },
    { sentAt: '2026-11-30T10:00:00.000Z', dueAt: '2026-11-30T11:00:00.000Z', acknowledgedAt: null },
  ];
  const weeks = timelinessByWeek(rows, '2026-11-23', 2, new Date('2026-11-30T10:30:00.000Z'));
  assert.deepEqual(weeks, [
    { weekStart: '2026-11-23', sent: 3, acknowledged: 2, medianMinutes: 60, p90Minutes: 90, overdue: 2 },
    { weekStart: '2026-11-30', sent: 1, acknowledged: 0, medianMinutes: null, p90Minutes: null, overdue: 0 },
  ]);
});
