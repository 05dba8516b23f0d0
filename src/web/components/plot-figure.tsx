import { useEffect, useRef, useState } from 'react';

/** Observable Plot, as the figure hands it to a drawing function. */
export type PlotModule = typeof import('@observablehq/plot');

/** The text style every chart shares: the page's font and text colour on no background. */
export const CHART_STYLE = {
  fontSize: '14px',
  fontFamily: 'inherit',
  color: '#212b32',
  background: 'transparent',
} as const;

/**
 * Draws the chart's nodes (plots, legends) for the box's width. Give a stable function
 * (useCallback on the figures it draws): the chart is drawn again when it changes.
 */
export type DrawChart = (Plot: PlotModule, width: number) => readonly (Element | undefined)[];

/**
 * A chart drawn by Observable Plot as SVG, loaded on first use so the rest of the app does not carry
 * it. The figure is an image with a short label and the SVGs are hidden from assistive technology:
 * the table the page puts beside it is the full text alternative with the same figures.
 */
export function PlotFigure({ label, draw }: { label: string; draw: DrawChart }) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    const target = box.current;
    void import('@observablehq/plot')
      .then((Plot) => {
        if (cancelled || !target) return;
        const nodes = draw(Plot, Math.max(320, target.clientWidth));
        target.replaceChildren(...nodes.filter((n) => n !== undefined));
        for (const svg of target.querySelectorAll('svg')) svg.setAttribute('aria-hidden', 'true');
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      target?.replaceChildren();
    };
  }, [draw]);
  return (
    <figure className="accord-chart" aria-label={label} role="img">
      {failed ? <p>The chart could not be drawn; the table below has the same figures.</p> : null}
      <div ref={box} className="accord-chart__plot" />
    </figure>
  );
}
