import { useCallback } from 'react';
import type { AuditSummary } from '../../../contracts/sharing-audit.ts';
import { CHART_STYLE, PlotFigure, type PlotModule } from '../../components/plot-figure.tsx';

/**
 * Passed and failed sampled disclosures month by month, drawn by Observable Plot as SVG (loaded on
 * first use). The table beside it is the text alternative with the same figures.
 */
export function SharingAuditChart({ audits }: { audits: readonly AuditSummary[] }) {
  const draw = useCallback(
    (Plot: PlotModule, width: number) => {
      const months = audits.map((a) => a.month).sort();
      const data = audits.flatMap((a) => [
        { month: a.month, result: 'Passed', value: a.passed },
        { month: a.month, result: 'Failed', value: a.failed },
      ]);
      return [
        Plot.plot({
          width,
          height: 240,
          marginLeft: 48,
          style: CHART_STYLE,
          x: { type: 'band', domain: months, label: null },
          y: { label: 'Sampled disclosures', grid: true },
          color: { legend: true, domain: ['Passed', 'Failed'], range: ['#007f3b', '#d5281b'] },
          marks: [
            Plot.barY(data, {
              x: 'month',
              y: 'value',
              fill: 'result',
              title: (d: { month: string; result: string; value: number }) =>
                `${d.month} ${d.result}: ${d.value}`,
            }),
            Plot.ruleY([0]),
          ],
        }),
      ];
    },
    [audits],
  );
  return <PlotFigure label="Audit results month by month" draw={draw} />;
}
