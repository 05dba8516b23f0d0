import { useEffect, useRef, useState } from 'react';
import type { AuditSummary } from '../../../contracts/sharing-audit.ts';

/**
 * Passed and failed sampled disclosures month by month, drawn by Observable Plot as SVG (loaded on
 * first use). The table beside it is the text alternative with the same figures.
 */
export function SharingAuditChart({ audits }: { audits: readonly AuditSummary[] }) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    const target = box.current;
    const months = audits.map((a) => a.month).sort();
    void import('@observablehq/plot')
      .then((Plot) => {
        if (cancelled || !target) return;
        const data = audits.flatMap((a) => [
          { month: a.month, result: 'Passed', value: a.passed },
          { month: a.month, result: 'Failed', value: a.failed },
        ]);
        const chart = Plot.plot({
          width: Math.max(320, target.clientWidth),
          height: 240,
          marginLeft: 48,
          style: { fontSize: '14px', fontFamily: 'inherit', color: '#212b32', background: 'transparent' },
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
        });
        target.replaceChildren(chart);
        for (const svg of target.querySelectorAll('svg')) svg.setAttribute('aria-hidden', 'true');
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      target?.replaceChildren();
    };
  }, [audits]);
  return (
    <figure className="accord-chart" aria-label="Audit results month by month" role="img">
      {failed ? <p>The chart could not be drawn; the table below has the same figures.</p> : null}
      <div ref={box} className="accord-chart__plot" />
    </figure>
  );
}
