import { useCallback } from 'react';
import type { MetricTable } from '../../../contracts/reporting.ts';
import { CHART_STYLE, PlotFigure, type PlotModule } from '../../components/plot-figure.tsx';

/**
 * A metric month by month, stacked by category, drawn by Observable Plot as SVG (loaded on first
 * use). Suppressed cells are left out of the bars; the table beside it is the text alternative
 * and shows each as "*".
 */
export function MetricChart({ table }: { table: MetricTable }) {
  const draw = useCallback(
    (Plot: PlotModule, width: number) => {
      const data = table.months.flatMap((month, i) =>
        table.categories.flatMap((category, j) => {
          const value = table.cells[i]?.[j];
          return value === null || value === undefined ? [] : [{ month, category, value }];
        }),
      );
      return [
        Plot.plot({
          width,
          height: 260,
          marginLeft: 48,
          style: CHART_STYLE,
          x: { type: 'band', domain: table.months, label: null, tickFormat: (m: string) => m.slice(2) },
          y: { label: 'Count (rounded to 5)', grid: true },
          color: { legend: true, domain: table.categories },
          marks: [
            Plot.barY(data, {
              x: 'month',
              y: 'value',
              fill: 'category',
              title: (d: { month: string; category: string; value: number }) =>
                `${d.month} ${d.category}: ${d.value}`,
            }),
            Plot.ruleY([0]),
          ],
        }),
      ];
    },
    [table],
  );
  return <PlotFigure label={`${table.definition.title}, month by month`} draw={draw} />;
}
