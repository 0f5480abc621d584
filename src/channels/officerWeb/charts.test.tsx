/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../test/support/engineHarness.ts';
import type { AreaStats } from '../../app/officers/stats.ts';
import { BAR_MAX, Distribution, PairedBars, StatsView } from './charts.tsx';

const html = (node: unknown): string => String(node);
const widths = (svg: string): number[] => [...svg.matchAll(/<rect[^>]*\bwidth="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('PairedBars', () => {
  const rows = [
    { label: 'Old age', a: 10, b: 5 },
    { label: 'Widow', a: 4, b: 0 },
  ];

  it('draws a bar per value, proportional, the largest full width', () => {
    const out = html(<PairedBars title="By allowance" rows={rows} aLabel="Lodged" bLabel="Closed" />);
    // Two legend swatches first, then a and b for each row.
    const [, , ...bars] = widths(out);
    expect(bars).toEqual([BAR_MAX, BAR_MAX / 2, (BAR_MAX * 4) / 10, 0]);
    expect(out).toContain('<text');
    for (const s of ['Old age', 'Widow', 'Lodged', 'Closed', '>10<', '>5<', '>4<']) expect(out).toContain(s);
  });

  it('is an image named by its title, scaled by its viewBox', () => {
    const out = html(<PairedBars title="By allowance" rows={rows} aLabel="Lodged" bLabel="Closed" />);
    expect(out).toMatch(/<svg[^>]*role="img"/);
    expect(out).toMatch(/<svg[^>]*aria-label="By allowance"/);
    expect(out).toMatch(/<svg[^>]*viewBox="0 0 320 \d+"/);
    expect(out).toMatch(/<svg[^>]*width="100%"/);
    expect(out).not.toContain('<script');
  });

  it('escapes labels and titles', () => {
    const out = html(<PairedBars title={'"><script>x</script>'} rows={[{ label: '<script>alert(1)</script>', a: 1, b: 1 }]} aLabel="<b>" bLabel="b&b" />);
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<b>');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('aria-label="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(out).toContain('b&amp;b');
  });

  it('says "no data" rather than drawing an empty chart', () => {
    const out = html(<PairedBars title="By allowance" rows={[]} aLabel="Lodged" bLabel="Closed" emptyText="Nothing yet" />);
    expect(out).not.toContain('<svg');
    expect(out).toContain('Nothing yet');
    expect(out).toContain('By allowance');
    expect(html(<PairedBars title="T" rows={[]} aLabel="a" bLabel="b" />)).toContain('No data');
  });

  it('writes numbers with the given format', () => {
    const out = html(<PairedBars title="T" rows={[{ label: 'x', a: 12, b: 3 }]} aLabel="a" bLabel="b" format={(n) => `#${n}`} />);
    expect(out).toContain('>#12<');
    expect(out).toContain('>#3<');
  });
});

describe('Distribution', () => {
  it('draws one bar per rating, the most frequent full width', () => {
    const out = html(<Distribution title="Ratings" counts={[0, 1, 0, 2, 4]} labels={['1', '2', '3', '4', '5']} />);
    const w = widths(out);
    expect(w).toHaveLength(5);
    expect(w[0]).toBe(0);
    expect(w[4]).toBe(Math.max(...w));
    expect(w[3]).toBeCloseTo((w[4] as number) / 2, 0);
    expect(out).toMatch(/<svg[^>]*aria-label="Ratings"/);
  });

  it('says "no data" without ratings', () => {
    const out = html(<Distribution title="Ratings" counts={[0, 0, 0, 0, 0]} labels={['1', '2', '3', '4', '5']} emptyText="No ratings yet" />);
    expect(out).not.toContain('<svg');
    expect(out).toContain('No ratings yet');
  });
});

describe('StatsView', () => {
  const stats: AreaStats = {
    byProgramme: [
      { key: 'old_age', lodged: 12, resolved: 7 },
      { key: 'none', lodged: 1, resolved: 0 },
    ],
    byTier: [
      { key: 'union', lodged: 10, resolved: 5 },
      { key: 'upazila', lodged: 3, resolved: 2 },
      { key: 'district', lodged: 0, resolved: 0 },
      { key: 'hq', lodged: 0, resolved: 0 },
    ],
    medianDaysToClose: 4.5,
    overdue: 3,
    open: 6,
    satisfaction: { count: 4, average: 4.3, distribution: [0, 0, 1, 1, 2] },
  };
  const programmeName = (id: string): string => `programme ${id}`;

  it('shows the headline figures and three charts in English', () => {
    const t = (key: string, params?: Record<string, string | number>): string => translator.t(key, 'en', params);
    const out = html(<StatsView stats={stats} t={t} programmeName={programmeName} />);
    for (const s of ['Open cases', 'Overdue', 'Median days to close', '4.5 days', 'Average rating 4.3 from 4 ratings', 'programme old_age', 'No allowance named', 'Union', 'Upazila', 'Lodged', 'Closed']) {
      expect(out).toContain(s);
    }
    expect(out.match(/<svg/g)).toHaveLength(3);
  });

  it('writes Bangla digits in Bangla', () => {
    const t = (key: string, params?: Record<string, string | number>): string => translator.t(key, 'bn', params);
    const out = html(<StatsView stats={stats} t={t} programmeName={programmeName} />);
    expect(out).toContain('৪.৫ দিন');
    expect(out).toContain('>১২<');
    expect(out).not.toMatch(/>\d+</);
  });

  it('says so when nothing is closed or rated and the area has no cases', () => {
    const t = (key: string, params?: Record<string, string | number>): string => translator.t(key, 'en', params);
    const empty: AreaStats = {
      byProgramme: [],
      byTier: stats.byTier.map((r) => ({ ...r, lodged: 0, resolved: 0 })),
      medianDaysToClose: null,
      overdue: 0,
      open: 0,
      satisfaction: { count: 0, average: null, distribution: [0, 0, 0, 0, 0] },
    };
    const out = html(<StatsView stats={empty} t={t} programmeName={programmeName} />);
    expect(out).not.toContain('<svg');
    expect(out).toContain('No case closed yet');
    expect(out).toContain('No ratings yet');
    expect(out).toContain('No data');
  });
});
