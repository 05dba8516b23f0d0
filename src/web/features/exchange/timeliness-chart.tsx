import { useEffect, useRef, useState } from 'react';
import type { TimelinessWeek } from '../../../contracts/sampling.ts';

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
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    const target = box.current;
    void import('@observablehq/plot')
      .then((Plot) => {
        if (cancelled || !target) return;
        const data = weeks.flatMap((w) => [
          ...(w.medianMinutes === null
            ? []
            : [{ week: w.weekStart, series: 'Median', minutes: w.medianMinutes }]),
          ...(w.p90Minutes === null
            ? []
            : [{ week: w.weekStart, series: '90th percentile', minutes: w.p90Minutes }]),
        ]);
        const chart = Plot.plot({
          width: Math.max(320, target.clientWidth),
          height: 260,
          marginLeft: 48,
          marginBottom: 48,
          style: { fontSize: '14px', fontFamily: 'inherit', color: '#212b32', background: 'transparent' },
          x: {
            type: 'band',
            domain: weeks.map((w) => w.weekStart),
            label: 'Week beginning',
            labelOffset: 42,
            tickFormat: (d: string) => d.slice(5),
          },
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
          width: Math.max(320, target.clientWidth),
          height: 140,
          marginLeft: 48,
          marginBottom: 48,
          style: { fontSize: '14px', fontFamily: 'inherit', color: '#212b32', background: 'transparent' },
          x: {
            type: 'band',
            domain: weeks.map((w) => w.weekStart),
            label: 'Week beginning',
            labelOffset: 42,
            tickFormat: (d: string) => d.slice(5),
          },
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
        const legend = Plot.legend({ color: SERIES });
        target.replaceChildren(...[legend, chart, overdue].filter((n) => n !== undefined));
        for (const svg of target.querySelectorAll('svg')) svg.setAttribute('aria-hidden', 'true');
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      target?.replaceChildren();
    };
  }, [weeks, slaMinutes]);
  return (
    <figure
      className="accord-chart"
      aria-label="Minutes from sending to acknowledgement, median and 90th percentile, and escalations overdue, week by week"
      role="img"
    >
      {failed ? <p>The chart could not be drawn; the table below has the same figures.</p> : null}
      <div ref={box} className="accord-chart__plot" />
    </figure>
  );
}
