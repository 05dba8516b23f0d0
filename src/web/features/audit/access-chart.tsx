import { useCallback } from 'react';
import { CHART_STYLE, PlotFigure, type PlotModule } from '../../components/plot-figure.tsx';
import { formatDate } from '../../lib/format.ts';
import { AUDIT_OUTCOME_LABELS } from '../../lib/governance-labels.ts';
import { labelOf } from '../../lib/legal-labels.ts';
import type { DailyCount } from './activity-data.ts';

/** NHS.UK palette colours per outcome; the legend and the table carry the words. */
const COLOURS: Readonly<Record<string, string>> = {
  permit: '#007f3b',
  deny: '#d5281b',
  success: '#005eb8',
  failure: '#ed8b00',
};

/**
 * Entries per day, stacked by outcome, drawn by Observable Plot as SVG. Plot is loaded on first use so
 * the rest of the app does not carry it. The figure is an image with a short label; the table after it
 * is the full text alternative.
 */
export function AccessChart({
  rows,
  days,
  label,
}: {
  rows: readonly DailyCount[];
  days: readonly string[];
  label: string;
}) {
  const draw = useCallback(
    (Plot: PlotModule, width: number) => {
      const outcomes = [...new Set(rows.map((r) => r.outcome))];
      const data = rows.map((r) => ({ ...r, label: labelOf(AUDIT_OUTCOME_LABELS, r.outcome) }));
      // Every day of the period gets a slot, so quiet days show as gaps; at most ~15 labelled days.
      const every = Math.max(1, Math.ceil(days.length / 15));
      return [
        Plot.plot({
          width,
          height: 320,
          marginLeft: 48,
          marginBottom: 32,
          style: CHART_STYLE,
          x: {
            type: 'band',
            domain: [...days],
            label: null,
            ticks: days.filter((_, i) => i % every === 0),
            tickFormat: (d: string) => `${Number(d.slice(8, 10))}/${Number(d.slice(5, 7))}`,
          },
          y: { label: 'Entries', grid: true },
          color: {
            legend: true,
            domain: outcomes.map((o) => labelOf(AUDIT_OUTCOME_LABELS, o)),
            range: outcomes.map((o) => COLOURS[o] ?? '#4c6272'),
          },
          marks: [
            Plot.barY(data, {
              x: 'day',
              y: 'count',
              fill: 'label',
              title: (d: { label: string; count: number; day: string }) =>
                `${formatDate(d.day)}: ${d.count} ${d.label.toLowerCase()}`,
            }),
            Plot.ruleY([0]),
          ],
        }),
      ];
    },
    [rows, days],
  );
  return <PlotFigure label={label} draw={draw} />;
}
