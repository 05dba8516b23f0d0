/** Turning a metric's counts into its published table: months down, categories across, suppressed. */
import type { MetricDefinition, MetricTable } from '../../../contracts/reporting.ts';
import { suppressTable } from './suppression.ts';

/** The true counts of a metric as a months x categories grid (zeros where nothing was counted). */
export function countGrid(
  months: readonly string[],
  categories: readonly string[],
  counts: readonly { month: string; category: string; n: number }[],
): number[][] {
  const at = new Map(counts.map((c) => [`${c.month}|${c.category}`, c.n]));
  return months.map((m) => categories.map((c) => at.get(`${m}|${c}`) ?? 0));
}

/** The published table: every cell, total and grand total suppressed and rounded together. */
export function publishTable(
  definition: MetricDefinition,
  months: readonly string[],
  counts: readonly { month: string; category: string; n: number }[],
): MetricTable {
  const published = suppressTable(countGrid(months, definition.categories, counts));
  return {
    definition,
    months: [...months],
    categories: [...definition.categories],
    cells: published.cells,
    monthTotals: published.rowTotals,
    categoryTotals: published.columnTotals,
    total: published.total,
  };
}

/** The report as CSV, one row per published cell; a suppressed cell is "*". */
export function tablesToCsv(tables: readonly MetricTable[]): string {
  const lines = ['metric,month,category,value'];
  const v = (x: number | null) => (x === null ? '*' : String(x));
  for (const t of tables) {
    t.months.forEach((m, i) => {
      t.categories.forEach((c, j) => {
        lines.push(`${t.definition.id},${m},${c},${v(t.cells[i]?.[j] ?? null)}`);
      });
      lines.push(`${t.definition.id},${m},TOTAL,${v(t.monthTotals[i] ?? null)}`);
    });
    t.categories.forEach((c, j) => {
      lines.push(`${t.definition.id},ALL,${c},${v(t.categoryTotals[j] ?? null)}`);
    });
    lines.push(`${t.definition.id},ALL,TOTAL,${v(t.total)}`);
  }
  return `${lines.join('\n')}\n`;
}
