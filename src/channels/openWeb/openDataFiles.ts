import { placeByCode } from '../../domain/geo/index.ts';
import { PUBLISHED_MEASURES } from '../../domain/openData/measures.ts';
import type { AreaCard, ReportCard, SliceFigures } from '../../domain/openData/reportCard.ts';
import { NO_UNION, type Slice } from '../../domain/openData/tally.ts';
import { COUNTRY } from '../../domain/officers/jurisdiction.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';

/** Bumped only when a column changes meaning or goes: added columns keep it (docs/OPEN-DATA.md). */
export const SCHEMA_VERSION = 'setu-report-card/1';
export const LICENCE = 'CC-BY-4.0';
export const LICENCE_URL = 'https://creativecommons.org/licenses/by/4.0/';

type Names = Pick<Translator, 't'>;

/** Names in both languages, as the files give them: the country, a place, or an upazila's "union not given". */
export function areaNames(code: string, translator: Names): { bn: string; en: string } {
  if (code === COUNTRY) return { bn: translator.t('open:country', 'bn'), en: translator.t('open:country', 'en') };
  if (code.endsWith(NO_UNION)) {
    const up = placeByCode(code.slice(0, -NO_UNION.length));
    return { bn: translator.t('open:no_union_of', 'bn', { upazila: up?.nameBn ?? '' }), en: translator.t('open:no_union_of', 'en', { upazila: up?.nameEn ?? '' }) };
  }
  const p = placeByCode(code);
  return { bn: p?.nameBn ?? code, en: p?.nameEn ?? code };
}

/** An area and everything listed below it, depth first. */
export function subtree(card: ReportCard, code: string): AreaCard[] {
  const out: AreaCard[] = [];
  const walk = (c: string): void => {
    const area = card.areas.get(c);
    if (!area) return;
    out.push(area);
    for (const child of area.children) walk(child);
  };
  walk(code);
  return out;
}

const STAT_COLUMNS = ['median_working_days', 'share_resolved_in_time', 'share_overdue_now', 'average_rating'] as const;
export const CSV_COLUMNS = [
  'area_code',
  'area_level',
  'parent_code',
  'area_name_en',
  'area_name_bn',
  'month',
  'programme',
  ...PUBLISHED_MEASURES,
  ...STAT_COLUMNS,
] as const;

const stats = (f: SliceFigures) => ({
  median_working_days: f.medianWorkingDays,
  share_resolved_in_time: f.shareInTime,
  share_overdue_now: f.shareOverdue,
  average_rating: f.averageRating,
});

const cellText = (v: number | string | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The slices of an area in file order: the period, its months, its programmes. */
function slicesOf(card: ReportCard): Array<{ slice: Slice; month: string; programme: string }> {
  return [
    { slice: 'all', month: '', programme: '' },
    ...card.months.map((m) => ({ slice: `m:${m}` as Slice, month: m, programme: '' })),
    ...card.programmes.map((p) => ({ slice: `p:${p}` as Slice, month: '', programme: p })),
  ];
}

/** RFC 4180 CSV, one row per area and slice, with a header row. */
export function toCsv(card: ReportCard, root: string, translator: Names): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const area of subtree(card, root)) {
    const names = areaNames(area.code, translator);
    for (const { slice, month, programme } of slicesOf(card)) {
      const f = area.slices.get(slice);
      if (!f) continue;
      const s = stats(f);
      const row = [area.code, area.level, area.parent ?? '', names.en, names.bn, month, programme, ...PUBLISHED_MEASURES.map((m) => f.counts[m]), ...STAT_COLUMNS.map((c) => s[c])];
      lines.push(row.map(cellText).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

const figuresJson = (f: SliceFigures) => ({ ...Object.fromEntries(PUBLISHED_MEASURES.map((m) => [m, f.counts[m]])), ...stats(f) });

/** The same figures as JSON, nested by area, with the period, the schema and the licence. */
export function toJson(card: ReportCard, root: string, translator: Names) {
  return {
    schema: SCHEMA_VERSION,
    licence: LICENCE,
    licenceUrl: LICENCE_URL,
    generatedAt: card.at.toISOString(),
    months: card.months,
    programmes: card.programmes,
    areas: subtree(card, root).map((area) => {
      const all = area.slices.get('all');
      return {
        code: area.code,
        level: area.level,
        parent: area.parent,
        name: areaNames(area.code, translator),
        children: area.children,
        figures: all ? figuresJson(all) : null,
        months: Object.fromEntries(card.months.flatMap((m) => (area.slices.get(`m:${m}`) ? [[m, figuresJson(area.slices.get(`m:${m}`) as SliceFigures)]] : []))),
        programmes: Object.fromEntries(card.programmes.flatMap((p) => (area.slices.get(`p:${p}`) ? [[p, figuresJson(area.slices.get(`p:${p}`) as SliceFigures)]] : []))),
      };
    }),
  };
}
