import { useEffect, useRef, useState } from 'react';
import type { MetricTable } from '../../../contracts/reporting.ts';

/**
 * A metric month by month, stacked by category, drawn by Observable Plot as SVG (loaded on first
 * use). Suppressed cells are left out of the bars; the table beside it is the text alternative
 * and shows each as "*".
 */
export function MetricChart({ table }: { table: MetricTable }) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    const target = box.current;
    void import('@observablehq/plot')
      .then((Plot) => {
        if (cancelled || !target) return;
        const data = table.months.flatMap((month, i) =>
          table.categories.flatMap((category, j) => {
            const value = table.cells[i]?.[j];
            return value === null || value === undefined ? [] : [{ month, category, value }];
          }),
        );
        const chart = Plot.plot({
          width: Math.max(320, target.clientWidth),
          height: 260,
          marginLeft: 48,
          style: { fontSize: '14px', fontFamily: 'inherit', color: '#212b32', background: 'transparent' },
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
        });
        target.replaceChildren(chart);
        for (const svg of target.querySelectorAll('svg')) svg.setAttribute('aria-hidden', 'true');
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      target?.replaceChildren();
    };
  }, [table]);
  return (
    <figure className="accord-chart" aria-label={`${table.definition.title}, month by month`} role="img">
      {failed ? <p>The chart could not be drawn; the table below has the same figures.</p> : null}
      <div ref={box} className="accord-chart__plot" />
    </figure>
  );
}
