/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FC } from 'hono/jsx';
import type { AreaStats } from '../../app/officers/stats.ts';
import { TIERS } from '../../domain/cases/routing.ts';

/**
 * Server-rendered SVG charts for the officers' statistics page: no library,
 * no script, no external file. Each chart scales to its container through its
 * viewBox (320 units wide, so 12-unit text stays readable on a phone), names
 * itself to assistive technology with role="img" and aria-label, and repeats
 * its figures in a <desc>. Labels are JSX children, so Hono escapes them.
 */

/** The viewBox width; the widest bar fills BAR_MAX of it, its number follows. */
export const VIEW_WIDTH = 320;
export const BAR_MAX = 260;
// Shared with the public report card's charts (openWeb/openCharts.tsx), so both read alike.
export const BAR_H = 12;
export const LABEL_H = 16;
export const GAP = 10;
export const FONT = 12;
export const COLOUR_A = '#1d4ed8';
export const COLOUR_B = '#15803d';
export const SVG_STYLE = 'width:100%;max-width:40rem;height:auto;display:block';

type Format = (n: number) => string;

/** A bar's width: proportional to the value, the largest value full width. */
export function barWidth(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.round((value / max) * BAR_MAX * 10) / 10;
}

const Empty: FC<{ title: string; text: string }> = ({ title, text }) => (
  <figure class="chart chart-empty">
    <figcaption>{title}</figcaption>
    <p>{text}</p>
  </figure>
);

const Bar: FC<{ y: number; value: number; max: number; colour: string; format: Format }> = ({ y, value, max, colour, format }) => {
  const w = barWidth(value, max);
  return (
    <g>
      <rect x="0" y={y} width={w} height={BAR_H} fill={colour} />
      <text x={w + 4} y={y + BAR_H - 2} font-size={FONT}>
        {format(value)}
      </text>
    </g>
  );
};

export interface PairedBarsProps {
  title: string;
  rows: { label: string; a: number; b: number }[];
  aLabel: string;
  bLabel: string;
  /** How numbers are written (e.g. in Bangla digits); plain digits by default. */
  format?: Format;
  /** Shown instead of the chart when there are no rows. */
  emptyText?: string;
}

/** Horizontal grouped bars, two per row (e.g. lodged and closed), with a legend. */
export const PairedBars: FC<PairedBarsProps> = ({ title, rows, aLabel, bLabel, format = String, emptyText = 'No data' }) => {
  if (rows.length === 0) return <Empty title={title} text={emptyText} />;
  const max = Math.max(0, ...rows.flatMap((r) => [r.a, r.b]));
  const legendH = LABEL_H + GAP;
  const rowH = LABEL_H + 2 * BAR_H + 2 + GAP;
  const height = legendH + rows.length * rowH;
  return (
    <figure class="chart">
      <svg role="img" aria-label={title} viewBox={`0 0 ${VIEW_WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet" style={SVG_STYLE} xmlns="http://www.w3.org/2000/svg">
        <title>{title}</title>
        <desc>{rows.map((r) => `${r.label}: ${aLabel} ${format(r.a)}, ${bLabel} ${format(r.b)}`).join('; ')}</desc>
        <g class="legend">
          <rect x="0" y="2" width={BAR_H} height={BAR_H} fill={COLOUR_A} />
          <text x={BAR_H + 4} y={BAR_H} font-size={FONT}>
            {aLabel}
          </text>
          <rect x={VIEW_WIDTH / 2} y="2" width={BAR_H} height={BAR_H} fill={COLOUR_B} />
          <text x={VIEW_WIDTH / 2 + BAR_H + 4} y={BAR_H} font-size={FONT}>
            {bLabel}
          </text>
        </g>
        {rows.map((r, i) => {
          const top = legendH + i * rowH;
          return (
            <g class="row">
              <text x="0" y={top + FONT} font-size={FONT} font-weight="bold">
                {r.label}
              </text>
              <Bar y={top + LABEL_H} value={r.a} max={max} colour={COLOUR_A} format={format} />
              <Bar y={top + LABEL_H + BAR_H + 2} value={r.b} max={max} colour={COLOUR_B} format={format} />
            </g>
          );
        })}
      </svg>
    </figure>
  );
};

export interface DistributionProps {
  title: string;
  /** One count per label, e.g. ratings 1 to 5. */
  counts: number[];
  labels: string[];
  format?: Format;
  /** Shown instead of the chart when every count is zero. */
  emptyText?: string;
}

/** One horizontal bar per label (the 1–5 ratings), label on the left. */
export const Distribution: FC<DistributionProps> = ({ title, counts, labels, format = String, emptyText = 'No data' }) => {
  const total = counts.reduce((n, c) => n + c, 0);
  if (counts.length === 0 || total === 0) return <Empty title={title} text={emptyText} />;
  const labelW = 48;
  const scale = (VIEW_WIDTH - labelW - 40) / BAR_MAX;
  const max = Math.max(...counts);
  const rowH = BAR_H + GAP;
  const height = counts.length * rowH;
  return (
    <figure class="chart">
      <svg role="img" aria-label={title} viewBox={`0 0 ${VIEW_WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet" style={SVG_STYLE} xmlns="http://www.w3.org/2000/svg">
        <title>{title}</title>
        <desc>{counts.map((c, i) => `${labels[i] ?? String(i + 1)}: ${format(c)}`).join('; ')}</desc>
        {counts.map((c, i) => {
          const y = i * rowH + GAP / 2;
          const w = Math.round(barWidth(c, max) * scale * 10) / 10;
          return (
            <g class="row">
              <text x="0" y={y + BAR_H - 2} font-size={FONT}>
                {labels[i] ?? String(i + 1)}
              </text>
              <rect x={labelW} y={y} width={w} height={BAR_H} fill={COLOUR_A} />
              <text x={labelW + w + 4} y={y + BAR_H - 2} font-size={FONT}>
                {format(c)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
};

export interface StatsViewProps {
  stats: AreaStats;
  t: (key: string, params?: Record<string, string | number>) => string;
  programmeName: (id: string) => string;
}

/** The statistics page body: headline figures, then the three charts. */
export const StatsView: FC<StatsViewProps> = ({ stats, t, programmeName }) => {
  const format: Format = (n) => t('officer:stats.count', { n });
  const emptyText = t('officer:stats.no_data');
  const lodged = t('officer:stats.lodged');
  const closed = t('officer:stats.closed');
  const tierName = (k: string): string => ((TIERS as readonly string[]).includes(k) ? t(`cases:tier.${k}`) : k);
  const { satisfaction: sat } = stats;
  return (
    <section class="stats">
      <h2>{t('officer:stats.heading')}</h2>
      <dl class="stats-figures">
        <div>
          <dt>{t('officer:stats.open')}</dt>
          <dd>{format(stats.open)}</dd>
        </div>
        <div>
          <dt>{t('officer:stats.overdue')}</dt>
          <dd>{format(stats.overdue)}</dd>
        </div>
        <div>
          <dt>{t('officer:stats.median_days')}</dt>
          <dd>{stats.medianDaysToClose === null ? t('officer:stats.none_closed') : t('officer:stats.days', { n: stats.medianDaysToClose })}</dd>
        </div>
        <div>
          <dt>{t('officer:stats.satisfaction')}</dt>
          <dd>{sat.average === null ? t('officer:stats.no_ratings') : t('officer:stats.average_rating', { average: sat.average, count: sat.count })}</dd>
        </div>
      </dl>
      <h3>{t('officer:stats.by_programme')}</h3>
      <PairedBars
        title={t('officer:stats.by_programme')}
        rows={stats.byProgramme.map((r) => ({ label: r.key === 'none' ? t('officer:stats.no_programme') : programmeName(r.key), a: r.lodged, b: r.resolved }))}
        aLabel={lodged}
        bLabel={closed}
        format={format}
        emptyText={emptyText}
      />
      <h3>{t('officer:stats.by_tier')}</h3>
      <PairedBars
        title={t('officer:stats.by_tier')}
        rows={stats.byTier.some((r) => r.lodged > 0) ? stats.byTier.map((r) => ({ label: tierName(r.key), a: r.lodged, b: r.resolved })) : []}
        aLabel={lodged}
        bLabel={closed}
        format={format}
        emptyText={emptyText}
      />
      <h3>{t('officer:stats.ratings')}</h3>
      <Distribution
        title={t('officer:stats.ratings')}
        counts={sat.distribution}
        labels={sat.distribution.map((_, i) => t('officer:stats.stars', { n: i + 1 }))}
        format={format}
        emptyText={t('officer:stats.no_ratings')}
      />
    </section>
  );
};
