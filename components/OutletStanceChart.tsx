import { scaleBand, scaleLinear } from 'd3-scale';
import { useId } from 'preact/hooks';
import { CHART_WIDTH, cutLabel, LABEL_WIDTH } from './chart.ts';
import type { OutletStances } from '../utils/compare/story-overview.ts';
import { STANCES, type Stance } from '../utils/detect/pack.ts';
import { STANCE_LABELS } from './StanceBalance.tsx';

/** The drawing's own units (it scales to the width it is given): a bar per outlet, outlets on the left. */
const BAR_ROW = 26;
const LEGEND_HEIGHT = 24;
const MARGIN = { top: 6, right: 40, bottom: 26 };
/** A part this wide (drawing units) or wider shows its count inside it. */
const MIN_LABELLED_PART = 16;
const TICKS = 4;

const totalOf = (o: OutletStances) => STANCES.reduce((sum, s) => sum + o.counts[s], 0);

/** Where each stance's part of an outlet's bar starts and ends, in claims, stances in their usual order. */
function partsOf(outlet: OutletStances): { stance: Stance; from: number; to: number }[] {
  const parts: { stance: Stance; from: number; to: number }[] = [];
  let from = 0;
  for (const stance of STANCES) {
    const to = from + outlet.counts[stance];
    if (to > from) parts.push({ stance, from, to });
    from = to;
  }
  return parts;
}

/**
 * Per outlet, a stacked bar of its claims on the story: overcapacity (hatched), demand (solid), neutral
 * (dotted) — the texture tells the stances apart as well as the colour, as the underlines do on the page. A
 * table of the same numbers follows.
 */
export function OutletStanceChart({ outlets }: { outlets: readonly OutletStances[] }) {
  const id = useId();
  const barsTop = MARGIN.top + LEGEND_HEIGHT;
  const y = scaleBand<string>()
    .domain(outlets.map((o) => o.site))
    .range([barsTop, barsTop + outlets.length * BAR_ROW])
    .padding(0.25);
  const max = Math.max(1, ...outlets.map(totalOf));
  const x = scaleLinear()
    .domain([0, max])
    .range([LABEL_WIDTH, CHART_WIDTH - MARGIN.right])
    .nice(TICKS);
  // Claims are counted: only whole numbers make ticks.
  const ticks = x.ticks(TICKS).filter(Number.isInteger);
  const axisY = barsTop + outlets.length * BAR_ROW;
  const fill = (stance: Stance) => `url(#${id}-${stance})`;
  const summary = outlets
    .map((o) => `${o.site}: ${STANCES.map((s) => `${o.counts[s]} ${s}`).join(', ')}`)
    .join('; ');

  return (
    <figure class="stance-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${CHART_WIDTH} ${axisY + MARGIN.bottom}`}
        class="chart"
      >
        <title id={`${id}-title`}>Claims by stance, per outlet</title>
        <desc id={`${id}-desc`}>{summary}.</desc>
        <defs>
          <pattern
            id={`${id}-overcapacity`}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect class="chart__fill--overcapacity" width="6" height="6" />
            <line class="chart__texture" x1="0" y1="0" x2="0" y2="6" />
          </pattern>
          <pattern id={`${id}-demand`} width="6" height="6" patternUnits="userSpaceOnUse">
            <rect class="chart__fill--demand" width="6" height="6" />
          </pattern>
          <pattern id={`${id}-neutral`} width="6" height="6" patternUnits="userSpaceOnUse">
            <rect class="chart__fill--neutral" width="6" height="6" />
            <circle class="chart__texture-dot" cx="3" cy="3" r="1.2" />
          </pattern>
        </defs>
        <g class="chart__legend">
          {STANCES.map((stance, i) => (
            <g key={stance} transform={`translate(${LABEL_WIDTH + i * 130}, ${MARGIN.top})`}>
              <rect width="14" height="14" fill={fill(stance)} class="chart__part" />
              <text x="20" y="11">
                {STANCE_LABELS[stance]}
              </text>
            </g>
          ))}
        </g>
        {ticks.map((tick) => (
          <g key={tick} class="chart__tick">
            <line x1={x(tick)} x2={x(tick)} y1={barsTop} y2={axisY} />
            <text x={x(tick)} y={axisY + 16} text-anchor="middle">
              {tick}
            </text>
          </g>
        ))}
        {outlets.map((outlet) => {
          const top = y(outlet.site) ?? 0;
          const middle = top + y.bandwidth() / 2 + 4;
          return (
            <g key={outlet.site}>
              <text x={LABEL_WIDTH - 8} y={middle} text-anchor="end">
                {cutLabel(outlet.site)}
              </text>
              {partsOf(outlet).map(({ stance, from, to }) => (
                <g key={stance}>
                  <rect
                    class="chart__part"
                    x={x(from)}
                    y={top}
                    width={x(to) - x(from)}
                    height={y.bandwidth()}
                    fill={fill(stance)}
                  />
                  {x(to) - x(from) >= MIN_LABELLED_PART && (
                    <text class="chart__count" x={(x(from) + x(to)) / 2} y={middle} text-anchor="middle">
                      {to - from}
                    </text>
                  )}
                </g>
              ))}
              <text x={x(totalOf(outlet)) + 6} y={middle}>
                {totalOf(outlet)}
              </text>
            </g>
          );
        })}
        <line class="chart__axis" x1={LABEL_WIDTH} x2={CHART_WIDTH - MARGIN.right} y1={axisY} y2={axisY} />
      </svg>
      <table class="chart-table">
        <caption>Claims by stance, per outlet</caption>
        <thead>
          <tr>
            <th scope="col">Outlet</th>
            {STANCES.map((stance) => (
              <th key={stance} scope="col">
                {STANCE_LABELS[stance]}
              </th>
            ))}
            <th scope="col">All</th>
          </tr>
        </thead>
        <tbody>
          {outlets.map((outlet) => (
            <tr key={outlet.site} data-testid="outlet-row" data-outlet={outlet.site}>
              <th scope="row">{outlet.site}</th>
              {STANCES.map((stance) => (
                <td key={stance} data-stance={stance}>
                  {outlet.counts[stance]}
                </td>
              ))}
              <td>{totalOf(outlet)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
