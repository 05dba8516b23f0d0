import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Published, publishCount, roundCount, SUPPRESSION, suppressTable } from './suppression.ts';

type Interval = [number, number];

/**
 * What an attacker can infer from a published table: each entry's interval, narrowed by every
 * line (a row with its total, a column with its total, the totals with the grand total) until
 * nothing changes. A published 0 is exact; a rounded count v lies in [v-2, v+2] and is at least
 * 8 (smaller would have been suppressed); a suppressed entry could be anything from 0.
 */
function attack(grid: Published[][]): Interval[][] {
  const iv: Interval[][] = grid.map((r) =>
    r.map(
      (v): Interval =>
        v === null
          ? [0, Number.POSITIVE_INFINITY]
          : v === 0
            ? [0, 0]
            : [Math.max(SUPPRESSION.high + 1, v - 2), v + 2],
    ),
  );
  const rows = grid.length;
  const columns = grid[0]?.length ?? 0;
  const lines: [number, number][][] = [
    ...Array.from({ length: rows }, (_, i) =>
      Array.from({ length: columns }, (_, j): [number, number] => [i, j]),
    ),
    ...Array.from({ length: columns }, (_, j) =>
      Array.from({ length: rows }, (_, i): [number, number] => [i, j]),
    ),
  ];
  const get = ([i, j]: [number, number]): Interval => iv[i]?.[j] ?? [0, 0];
  const set = ([i, j]: [number, number], v: Interval) => {
    const row = iv[i];
    if (row) row[j] = v;
  };
  for (let round = 0, changed = true; changed && round < 200; round++) {
    changed = false;
    for (const line of lines) {
      const parts = line.slice(0, -1);
      const totalAt = line[line.length - 1];
      if (!totalAt) continue;
      const sumLo = parts.reduce((a, p) => a + get(p)[0], 0);
      const sumHi = parts.reduce((a, p) => a + get(p)[1], 0);
      const narrow = (p: [number, number], lo: number, hi: number) => {
        const [a, b] = get(p);
        const next: Interval = [Math.max(a, Math.ceil(lo)), Math.min(b, Math.floor(hi))];
        if (next[0] !== a || next[1] !== b) {
          set(p, next);
          changed = true;
        }
      };
      narrow(totalAt, sumLo, sumHi);
      const [tLo, tHi] = get(totalAt);
      parts.forEach((p, k) => {
        // Sums of the other parts, taken afresh: infinity minus infinity is not a number.
        const others = parts.filter((_, m) => m !== k);
        const othersLo = others.reduce((a, o) => a + get(o)[0], 0);
        const othersHi = others.reduce((a, o) => a + get(o)[1], 0);
        narrow(p, tLo - othersHi, tHi - othersLo);
      });
    }
  }
  return iv;
}

const count = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 7 }) },
  { weight: 4, arbitrary: fc.integer({ min: 8, max: 120 }) },
);
const table = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
  .chain(([r, c]) =>
    fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }),
  );

function gridOf(cells: number[][]): number[][] {
  const rows = cells.map((r) => [...r, r.reduce((a, b) => a + b, 0)]);
  return [...rows, (rows[0] ?? []).map((_, j) => rows.reduce((a, r) => a + (r[j] ?? 0), 0))];
}

describe('small-number suppression', () => {
  it('suppresses 1 to 7, shows 0, and rounds the rest to the nearest 5', () => {
    assert.deepEqual([0, 1, 7, 8, 12, 13, 100].map(publishCount), [0, null, null, 10, 10, 15, 100]);
    assert.equal(roundCount(122), 120);
  });

  it('protects a lone small cell with a second suppression so the totals cannot give it away', () => {
    const published = suppressTable([
      [3, 40],
      [20, 50],
    ]);
    assert.equal(published.cells[0]?.[0], null);
    const hiddenInRow = published.cells[0]?.filter((v) => v === null).length ?? 0;
    assert.ok(hiddenInRow + (published.rowTotals[0] === null ? 1 : 0) >= 2);
  });

  it('publishes no small count and rounds every published count to a multiple of 5', () => {
    fc.assert(
      fc.property(table, (cells) => {
        const p = suppressTable(cells);
        const grid = [...p.cells.map((r, i) => [...r, p.rowTotals[i] ?? null]), [...p.columnTotals, p.total]];
        const truth = gridOf(cells);
        grid.forEach((r, i) => {
          r.forEach((v, j) => {
            const t = truth[i]?.[j] ?? 0;
            if (t >= 1 && t <= 7) assert.equal(v, null);
            if (v !== null) assert.equal(v % 5, 0);
            if (v !== null) assert.ok(Math.abs(v - t) <= 2);
          });
        });
      }),
      { numRuns: 500 },
    );
  });

  it('has an attack with teeth: a lone suppressed cell beside its total is narrowed to a small count', () => {
    // Primary suppression alone on [3, 40]: the row total 45 and the 40 confine the 3 to 1..9.
    const [lo, hi] = attack([
      [null, 40, 45],
      [null, 40, 45],
    ])[0]?.[0] ?? [0, Number.POSITIVE_INFINITY];
    assert.ok(lo >= 1 && hi <= 9, `narrowed to ${lo}..${hi}`);
  });

  it('lets no combination of published cells, totals and differences pin a suppressed cell', () => {
    fc.assert(
      fc.property(table, (cells) => {
        const p = suppressTable(cells);
        const grid = [...p.cells.map((r, i) => [...r, p.rowTotals[i] ?? null]), [...p.columnTotals, p.total]];
        const truth = gridOf(cells);
        const inferred = attack(grid);
        grid.forEach((r, i) => {
          r.forEach((v, j) => {
            const t = truth[i]?.[j] ?? 0;
            const [lo, hi] = inferred[i]?.[j] ?? [0, 0];
            assert.ok(lo <= t && t <= hi, 'the attack model is sound: the truth is never excluded');
            // A primary-suppressed count must stay hidden among at least two values, and the
            // attacker must not learn that it is small (1 to 7) from an upper bound.
            if (v === null && t >= 1 && t <= SUPPRESSION.high) {
              assert.ok(hi > lo, `a suppressed ${t} was pinned to ${lo}`);
            }
          });
        });
      }),
      { numRuns: 1000 },
    );
  });
});
