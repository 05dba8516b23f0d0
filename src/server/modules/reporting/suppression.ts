/**
 * Small-number suppression for published figures, following NHS England's practice for
 * Mental Health Services Data Set publications below national level: a count of 1 to 7 is
 * suppressed (shown as "*"), and every other count is rounded to the nearest 5. Zero is shown
 * as 0: it points at nobody. Totals are rounded from the true counts, never summed from
 * rounded cells.
 *
 * Rounding alone does not stop a total and the other cells of its line from narrowing a
 * suppressed cell, so a second rule (secondary suppression) makes every line of the table (a
 * row with its total, a column with its total, the row totals with the grand total) hold
 * either no suppressed entry or at least two. See docs/reporting.md.
 */

/** The rule, as published beside every report. */
export const SUPPRESSION = {
  /** Counts from `low` to `high` are suppressed. */
  low: 1,
  high: 7,
  /** Every other count is rounded to the nearest multiple of this. */
  roundTo: 5,
  words:
    'Counts of 1 to 7 are suppressed (*) and all others rounded to the nearest 5, as in NHS England’s MHSDS publications; a further cell is suppressed wherever a total could otherwise reveal a suppressed one. Totals are rounded from the true counts, so cells may not add up to them.',
} as const;

/** A count as published: suppressed counts are null. */
export type Published = number | null;

/** True when a count is suppressed by the primary rule. */
export function isSmall(count: number): boolean {
  return count >= SUPPRESSION.low && count <= SUPPRESSION.high;
}

/** Rounds a count to the nearest 5 (halves up; counts are whole, so there are no halves). */
export function roundCount(count: number): number {
  return Math.round(count / SUPPRESSION.roundTo) * SUPPRESSION.roundTo;
}

/** One count published on its own (no table around it to protect). */
export function publishCount(count: number): Published {
  return isSmall(count) ? null : roundCount(count);
}

/** A table as published: cells, the total of each row and column, and the grand total. */
export interface PublishedTable {
  readonly cells: Published[][];
  readonly rowTotals: Published[];
  readonly columnTotals: Published[];
  readonly total: Published;
}

/**
 * The table with its totals as an (R+1) x (C+1) grid: the last column holds row totals, the
 * last row column totals, the corner the grand total. Every row and every column of the grid is
 * a line whose last entry is the sum of the others.
 */
function augmented(cells: readonly (readonly number[])[], columns: number): number[][] {
  const rows = cells.map((r) => [...r, r.reduce((a, b) => a + b, 0)]);
  const bottom = Array.from({ length: columns + 1 }, (_, j) => rows.reduce((a, r) => a + (r[j] ?? 0), 0));
  return [...rows, bottom];
}

/**
 * Marks the entries to suppress: primary (1 to 7), then, until no line changes, a second entry
 * in any line holding exactly one, choosing the smallest non-zero count left (least loss),
 * else any entry left.
 */
function suppressionMask(grid: readonly (readonly number[])[]): boolean[][] {
  const mask = grid.map((r) => r.map(isSmall));
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
  const at = (g: readonly (readonly number[])[], [i, j]: [number, number]) => g[i]?.[j] ?? 0;
  const masked = ([i, j]: [number, number]) => mask[i]?.[j] === true;
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter(masked).length !== 1) continue;
      const open = line.filter((p) => !masked(p));
      const nonZero = open.filter((p) => at(grid, p) > 0);
      const pick = [...(nonZero.length > 0 ? nonZero : open)].sort((a, b) => at(grid, a) - at(grid, b))[0];
      if (!pick) continue;
      const row = mask[pick[0]];
      if (row) row[pick[1]] = true;
      changed = true;
    }
  }
  return mask;
}

/**
 * Publishes a table of counts (rows x columns) with its row, column and grand totals: primary
 * and secondary suppression, then rounding to the nearest 5.
 */
export function suppressTable(cells: readonly (readonly number[])[]): PublishedTable {
  const columns = cells[0]?.length ?? 0;
  const grid = augmented(cells, columns);
  const mask = suppressionMask(grid);
  const out = grid.map((r, i) => r.map((v, j) => (mask[i]?.[j] ? null : roundCount(v))));
  const rows = cells.length;
  return {
    cells: out.slice(0, rows).map((r) => r.slice(0, columns)),
    rowTotals: out.slice(0, rows).map((r) => r[columns] ?? null),
    columnTotals: (out[rows] ?? []).slice(0, columns),
    total: out[rows]?.[columns] ?? null,
  };
}
