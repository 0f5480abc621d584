/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FC } from 'hono/jsx';
import type { Shown } from '../../domain/openData/reportCard.ts';
import { BAR_H, barWidth, COLOUR_A, COLOUR_B, FONT, GAP, LABEL_H, SVG_STYLE, VIEW_WIDTH } from '../officerWeb/charts.tsx';

/**
 * The report card's charts, drawn on the server as the workspace's are
 * (charts.tsx): SVG scaled by its viewBox, 320 units wide so that it reads at
 * 320 px, titled for screen readers and with its figures in <desc>. A count
 * withheld draws no bar, only its mark ("<5" or "*"), so that the picture
 * tells no more than the table.
 */


export type Say = (v: Shown | null) => string;

const num = (v: Shown | null): number => (typeof v === 'number' ? v : 0);

export interface ShownBarsProps {
  title: string;
  rows: Array<{ label: string; a: Shown | null; b: Shown | null }>;
  aLabel: string;
  bLabel: string;
  say: Say;
}

/** Two bars a row (lodged and resolved), the row's label above them. */
export const ShownBars: FC<ShownBarsProps> = ({ title, rows, aLabel, bLabel, say }) => {
  const max = Math.max(0, ...rows.flatMap((r) => [num(r.a), num(r.b)]));
  const rowH = LABEL_H + 2 * BAR_H + 2 + GAP;
  const height = LABEL_H + GAP + rows.length * rowH;
  const bar = (y: number, v: Shown | null, colour: string) => {
    const w = typeof v === 'number' ? barWidth(v, max) : 0;
    return (
      <g>
        <rect x="0" y={y} width={w} height={BAR_H} fill={colour} />
        <text x={w + 4} y={y + BAR_H - 1} font-size={FONT}>
          {say(v)}
        </text>
      </g>
    );
  };
  return (
    <figure class="chart">
      <svg role="img" aria-label={title} viewBox={`0 0 ${VIEW_WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet" style={SVG_STYLE} xmlns="http://www.w3.org/2000/svg">
        <title>{title}</title>
        <desc>{rows.map((r) => `${r.label}: ${aLabel} ${say(r.a)}, ${bLabel} ${say(r.b)}`).join('; ')}</desc>
        <rect x="0" y="2" width={BAR_H} height={BAR_H} fill={COLOUR_A} />
        <text x={BAR_H + 4} y={BAR_H + 1} font-size={FONT}>
          {aLabel}
        </text>
        <rect x={VIEW_WIDTH / 2} y="2" width={BAR_H} height={BAR_H} fill={COLOUR_B} />
        <text x={VIEW_WIDTH / 2 + BAR_H + 4} y={BAR_H + 1} font-size={FONT}>
          {bLabel}
        </text>
        {rows.map((r, i) => {
          const y = LABEL_H + GAP + i * rowH;
          return (
            <g>
              <text x="0" y={y + LABEL_H - 4} font-size={FONT}>
                {r.label}
              </text>
              {bar(y + LABEL_H, r.a, COLOUR_A)}
              {bar(y + LABEL_H + BAR_H + 2, r.b, COLOUR_B)}
            </g>
          );
        })}
      </svg>
    </figure>
  );
};

export interface ShareCardProps {
  area: string;
  period: string;
  figures: Array<{ label: string; value: string }>;
  footer: string;
  lang: string;
}

/**
 * A picture of one area's month to post on Facebook: 1200×630, the size a
 * shared link's picture takes, large type, the figures as the page states
 * them (marks included), and where to read more.
 */
export const ShareCard: FC<ShareCardProps> = ({ area, period, figures, footer, lang }) => (
  <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 630" width="1200" height="630" lang={lang} role="img" aria-label={`${area} · ${period}`}>
    <title>{`${area} · ${period}`}</title>
    <rect width="1200" height="630" fill="#f6f7f9" />
    <rect width="1200" height="120" fill="#0b5d3b" />
    <text x="60" y="80" font-size="52" fill="#fff" font-family="'Noto Sans Bengali',system-ui,sans-serif" font-weight="700">
      {area}
    </text>
    <text x="60" y="180" font-size="36" fill="#1a1a1a" font-family="'Noto Sans Bengali',system-ui,sans-serif">
      {period}
    </text>
    {figures.map((f, i) => {
      const x = 60 + (i % 2) * 560;
      const y = 290 + Math.floor(i / 2) * 150;
      return (
        <g>
          <text x={x} y={y} font-size="72" fill="#0b5d3b" font-family="'Noto Sans Bengali',system-ui,sans-serif" font-weight="700">
            {f.value}
          </text>
          <text x={x} y={y + 48} font-size="32" fill="#333" font-family="'Noto Sans Bengali',system-ui,sans-serif">
            {f.label}
          </text>
        </g>
      );
    })}
    <text x="60" y="600" font-size="26" fill="#555" font-family="'Noto Sans Bengali',system-ui,sans-serif">
      {footer}
    </text>
  </svg>
);
