import { useCallback } from 'react';
import type { TimelinessWeek } from '../../../contracts/sampling.ts';
import { CHART_STYLE, PlotFigure, type PlotModule } from '../../components/plot-figure.tsx';

const SERIES = {
  type: 'categorical' as const,
  domain: ['Median', '90th percentile'],
  range: ['#005eb8', '#d5281b'],
};

/**
 * Minutes from sent to acknowledged, week by week: the median and the 90th percentile as lines,
 * with the overdue count as bars beneath, drawn by Observable Plot as SVG (loaded on first use). The table beside it is the text
 * alternative with the same figures and the overdue counts.
 */
export function TimelinessChart({
  weeks,
  slaMinutes,
}: {
  weeks: readonly TimelinessWeek[];
  slaMinutes: number;
}) {
  const draw = useCallback(
    (Plot: PlotModule, width: number) => {
      const data = weeks.flatMap((w) => [
        ...(w.medianMinutes === null
          ? []
          : [{ week: w.weekStart, series: 'Median', minutes: w.medianMinutes }]),
        ...(w.p90Minutes === null
          ? []
          : [{ week: w.weekStart, series: '90th percentile', minutes: w.p90Minutes }]),
      ]);
      const x = {
        type: 'band' as const,
        domain: weeks.map((w) => w.weekStart),
        label: 'Week beginning',
        labelOffset: 42,
        tickFormat: (d: string) => d.slice(5),
      };
      const chart = Plot.plot({
        width,
        height: 260,
        marginLeft: 48,
        marginBottom: 48,
        style: CHART_STYLE,
        x,
        y: { label: 'Minutes to acknowledge', grid: true, zero: true },
        color: SERIES,
        marks: [
          Plot.ruleY([slaMinutes], { stroke: '#4c6272', strokeDasharray: '4 4' }),
          Plot.line(data, { x: 'week', y: 'minutes', stroke: 'series', strokeWidth: 2 }),
          Plot.dot(data, {
            x: 'week',
            y: 'minutes',
            fill: 'series',
            title: (d: { week: string; series: string; minutes: number }) =>
              `Week of ${d.week}, ${d.series}: ${d.minutes} minutes`,
          }),
        ],
      });
      // Overdue escalations as bars beneath, on the same weeks.
      const overdue = Plot.plot({
        width,
        height: 140,
        marginLeft: 48,
        marginBottom: 48,
        style: CHART_STYLE,
        x,
        y: { label: 'Overdue', grid: true, tickFormat: 'd' },
        marks: [
          Plot.barY(weeks, {
            x: 'weekStart',
            y: 'overdue',
            fill: '#7c2855',
            title: (w: TimelinessWeek) => `Week of ${w.weekStart}: ${w.overdue} overdue`,
          }),
          Plot.ruleY([0]),
        ],
      });
      // The legend stands apart so both plots are bare SVGs and their weeks line up.
      return [Plot.legend({ color: SERIES }), chart, overdue];
    },
    [weeks, slaMinutes],
  );
  return (
    <PlotFigure
      label="Minutes from sending to acknowledgement, median and 90th percentile, and escalations overdue, week by week"
      draw={draw}
    />
  );
}
