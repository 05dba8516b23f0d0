import { useEffect, useRef, useState } from 'react';
import type { TimelinessWeek } from '../../../contracts/sampling.ts';

/**
 * Minutes from sent to acknowledged, week by week: the median and the 90th percentile as lines,
 * drawn by Observable Plot as SVG (loaded on first use). The table beside it is the text
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
          color: { legend: true, domain: ['Median', '90th percentile'], range: ['#005eb8', '#d5281b'] },
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
        target.replaceChildren(chart);
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
      aria-label="Minutes from sending to acknowledgement, median and 90th percentile, week by week"
      role="img"
    >
      {failed ? <p>The chart could not be drawn; the table below has the same figures.</p> : null}
      <div ref={box} className="accord-chart__plot" />
    </figure>
  );
}
