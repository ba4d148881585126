import type { ComponentChildren } from 'preact';
import { EmptyState } from '../../../../ui/components';

/**
 * Chart data travels inside the page as a JSON data island (<script type="application/json">):
 * the CSP allows it because the browser never executes it, and the charts need no extra request.
 * src/static/js/reports.js reads it and draws each <canvas data-chart>.
 */
export type ChartSpec = {
  id: string;
  type: 'bar' | 'doughnut';
  labels: string[];
  datasets: { label: string; data: number[] }[];
  /** How values read: pesos, a count, or a percentage. */
  unit: 'clp' | 'count' | 'percent';
  horizontal?: boolean;
  stacked?: boolean;
  /** Where a click on each bar or slice leads (same order as labels). */
  links?: string[];
};

/** A chart with its table alternative under it; an empty message when there is nothing to draw. */
export function ChartFigure(props: {
  spec: ChartSpec;
  title: string;
  note?: string;
  empty: boolean;
  children: ComponentChildren;
}) {
  const { spec } = props;
  const captionId = `caption-${spec.id}`;
  return (
    <figure class="report-chart panel" aria-labelledby={captionId} data-test={`figure-${spec.id}`}>
      <figcaption id={captionId}>
        <h3>{props.title}</h3>
        {props.note && <p class="meta">{props.note}</p>}
      </figcaption>
      {props.empty ? (
        <EmptyState>Sin datos en este período.</EmptyState>
      ) : (
        <>
          <div class={`chart-box${spec.horizontal ? ' chart-box-tall' : ''}`}>
            <canvas
              id={`chart-${spec.id}`}
              data-chart={spec.id}
              role="img"
              aria-label={`${props.title}. Los valores están en la tabla a continuación.`}
            />
          </div>
          <div class="table-wrap report-table">{props.children}</div>
        </>
      )}
    </figure>
  );
}
