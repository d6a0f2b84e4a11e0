import { scaleTime } from 'd3-scale';
import { useId } from 'preact/hooks';
import { CHART_WIDTH, cutLabel, LABEL_WIDTH } from './chart.ts';
import type { StorySource } from '../utils/compare/story-overview.ts';

/** The drawing's own units (it scales to the width it is given): a row per source, outlets on the left. */
const ROW = 22;
const MARGIN = { top: 10, right: 24, bottom: 30 };
/** Sources close in time are spread over at least this much, so one day's sources do not sit on one point. */
const MIN_SPAN_MS = 86_400_000;
const TICKS = 5;

const DATE_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * A story's sources on a time axis: one mark per source, its outlet on the left; a copy (syndicated text) is a
 * hollow mark joined to its original. The table after it gives the same, with links, for every reader.
 */
export function StoryTimeline({
  sources,
  hrefOf,
}: {
  sources: readonly StorySource[];
  /** Where a source's link leads. */
  hrefOf: (source: StorySource) => string;
}) {
  const id = useId();
  const times = sources.map((s) => Date.parse(s.date));
  const [first, last] = [Math.min(...times), Math.max(...times)];
  const pad = Math.max(0, MIN_SPAN_MS - (last - first)) / 2;
  const x = scaleTime()
    .domain([new Date(first - pad), new Date(last + pad)])
    .range([LABEL_WIDTH, CHART_WIDTH - MARGIN.right])
    .nice(TICKS);
  const ticks = x.ticks(TICKS);
  const tickLabel = x.tickFormat(TICKS);
  const axisY = MARGIN.top + sources.length * ROW;
  const rowY = (i: number) => MARGIN.top + i * ROW + ROW / 2;
  const indexOf = new Map(sources.map((s, i) => [s.article.id, i]));
  const siteOf = new Map(sources.map((s) => [s.article.id, s.article.site]));
  const copies = sources.filter((s) => s.copyOf).length;
  const rowId = (articleId: string) => `${id}-source-${indexOf.get(articleId) ?? 0}`;

  return (
    <figure class="timeline">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${CHART_WIDTH} ${axisY + MARGIN.bottom}`}
        class="chart"
      >
        <title id={`${id}-title`}>Sources over time</title>
        <desc id={`${id}-desc`}>
          {sources.length} {sources.length === 1 ? 'source' : 'sources'} from {DATE_FORMAT.format(first)} to{' '}
          {DATE_FORMAT.format(last)}
          {copies > 0 ? `, ${copies} of them copies of an earlier source` : ''}. The table below lists them.
        </desc>
        {ticks.map((tick) => (
          <g key={tick.getTime()} class="chart__tick">
            <line x1={x(tick)} x2={x(tick)} y1={MARGIN.top} y2={axisY} />
            <text x={x(tick)} y={axisY + 18} text-anchor="middle">
              {tickLabel(tick)}
            </text>
          </g>
        ))}
        <line class="chart__axis" x1={LABEL_WIDTH} x2={CHART_WIDTH - MARGIN.right} y1={axisY} y2={axisY} />
        {sources.map((source, i) => {
          const original = source.copyOf === null ? undefined : indexOf.get(source.copyOf);
          const cx = x(new Date(source.date));
          return (
            <g
              key={source.article.id}
              class={source.copyOf ? 'timeline__source timeline__source--copy' : 'timeline__source'}
            >
              <text x={LABEL_WIDTH - 8} y={rowY(i) + 4} text-anchor="end">
                {cutLabel(source.article.site)}
              </text>
              {original !== undefined && (
                <line
                  class="timeline__copy-link"
                  x1={x(new Date(sources[original]?.date ?? source.date))}
                  y1={rowY(original)}
                  x2={cx}
                  y2={rowY(i)}
                />
              )}
              <circle class="timeline__mark" cx={cx} cy={rowY(i)} r={5} />
            </g>
          );
        })}
      </svg>
      <table class="chart-table">
        <caption>Sources in time order</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Outlet</th>
            <th scope="col">Article</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((source) => (
            <tr
              key={source.article.id}
              id={rowId(source.article.id)}
              data-testid="story-source"
              data-url={source.article.url}
              data-copy-of={source.copyOf ?? undefined}
            >
              <td>
                <time dateTime={source.date}>{DATE_FORMAT.format(Date.parse(source.date))}</time>
              </td>
              <td>{source.article.site}</td>
              <td>
                <a href={hrefOf(source)}>{source.article.title}</a>
                {source.copyOf && (
                  <span class="timeline__copy-note" data-testid="copy-note">
                    {' '}
                    · copy of <a href={`#${rowId(source.copyOf)}`}>{siteOf.get(source.copyOf)}</a>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
