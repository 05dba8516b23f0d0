import { useEffect, useRef, useState } from 'react';
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
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    const target = box.current;
    void import('@observablehq/plot')
      .then((Plot) => {
        if (cancelled || !target) return;
        const outcomes = [...new Set(rows.map((r) => r.outcome))];
        const data = rows.map((r) => ({ ...r, label: labelOf(AUDIT_OUTCOME_LABELS, r.outcome) }));
        // Every day of the period gets a slot, so quiet days show as gaps; at most ~15 labelled days.
        const every = Math.max(1, Math.ceil(days.length / 15));
        const chart = Plot.plot({
          width: Math.max(320, target.clientWidth),
          height: 320,
          marginLeft: 48,
          marginBottom: 32,
          style: { fontSize: '14px', fontFamily: 'inherit', color: '#212b32', background: 'transparent' },
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
        });
        target.replaceChildren(chart);
        for (const svg of target.querySelectorAll('svg')) svg.setAttribute('aria-hidden', 'true');
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      target?.replaceChildren();
    };
  }, [rows, days]);
  return (
    <figure className="accord-chart" aria-label={label} role="img">
      {failed ? <p>The chart could not be drawn; the table below has the same figures.</p> : null}
      <div ref={box} className="accord-chart__plot" />
    </figure>
  );
}
