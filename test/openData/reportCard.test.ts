import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeReportCard } from '../../src/app/openData/reportCardSource.ts';
import { placeByCode } from '../../src/domain/geo/index.ts';
import { PUBLISHED_MEASURES, type Measure } from '../../src/domain/openData/measures.ts';
import type { ReportCard, Shown } from '../../src/domain/openData/reportCard.ts';
import { createDb, type Db } from '../../src/infra/db/client.ts';
import { applyPendingMigrations } from '../../src/infra/db/migrations.ts';
import { tempSqliteUrl } from '../support/appHarness.ts';
import { generateCases, insertCases, type GeneratedCase } from '../support/openDataSet.ts';

/**
 * The report card on a year of 20,000 cases in three districts, checked
 * against a count made here from the generated cases themselves; then the
 * suppression, checked as a reader would try to undo it: a parent area less
 * its lower areas shown, a year less its months shown, a period less its
 * programmes shown, one count less another.
 */
const NOW = new Date('2026-11-22T09:00:00Z');
const CALENDAR = { weekend: [5, 6], holidays: new Set<string>() };
const HOUR = 3_600_000;

const dhakaMonth = (d: Date): string => new Date(d.getTime() + 6 * HOUR).toISOString().slice(0, 7);
const dhakaDay = (d: Date): number => Math.floor((d.getTime() + 6 * HOUR) / (24 * HOUR));
/** Working days after the day lodged up to and including the day closed: Friday and Saturday off. */
const workingDays = (from: Date, to: Date): number => {
  let n = 0;
  for (let day = dhakaDay(from) + 1; day <= dhakaDay(to); day++) {
    const weekday = new Date(day * 24 * HOUR).getUTCDay();
    if (weekday !== 5 && weekday !== 6) n++;
  }
  return n;
};

const MONTHS: string[] = Array.from({ length: 12 }, (_, i) => {
  const d = new Date(Date.UTC(2026, 10 - 11 + i, 1));
  return d.toISOString().slice(0, 7);
});

function areasOf(c: GeneratedCase): string[] {
  const union = c.placeCode !== c.upazilaCode ? c.placeCode : `${c.upazilaCode}:none`;
  return ['BD', placeByCode(c.districtCode)?.parent ?? '?', c.districtCode, c.upazilaCode, union];
}

/** The count a measure should have, by area and slice, made the plain way. */
function expectedCounts(
  cases: GeneratedCase[],
  events: Array<{ caseId: string; type: string; at: Date }>,
  followUps: Array<{ caseId: string; answer: string | null; answeredAt: Date | null }>,
): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (c: GeneratedCase, month: string | null, measure: string): void => {
    if (month !== null && !MONTHS.includes(month)) return;
    for (const area of areasOf(c)) {
      const slices = ['all', `p:${c.programme ?? 'none'}`, ...(month === null ? [] : [`m:${month}`])];
      for (const s of slices) counts.set(`${area}|${s}|${measure}`, (counts.get(`${area}|${s}|${measure}`) ?? 0) + 1);
    }
  };
  for (const c of cases) {
    if (c.kind === 'report') {
      add(c, dhakaMonth(c.createdAt), 'exclusion_reports');
      if (c.outcome === 'enrolled') add(c, dhakaMonth(c.createdAt), 'reports_enrolled');
    } else {
      add(c, dhakaMonth(c.createdAt), 'lodged');
      if (c.state === 'resolved' && c.closedAt) {
        const m = dhakaMonth(c.closedAt);
        add(c, m, 'resolved');
        add(c, m, { union: 'resolved_union', upazila: 'resolved_upazila', district: 'resolved_district', hq: 'resolved_higher' }[c.decidedTier ?? c.tier] ?? '?');
        if (c.closedAt <= c.dueAt) add(c, m, 'resolved_in_time');
      }
      if (c.closedAt === null) {
        add(c, null, 'open_now');
        if (c.dueAt < NOW) add(c, null, 'overdue_now');
      }
    }
    if (c.rating !== null && c.ratedAt) add(c, dhakaMonth(c.ratedAt), 'ratings');
  }
  const byId = new Map(cases.map((c) => [c.id, c]));
  for (const e of events) add(byId.get(e.caseId) as GeneratedCase, dhakaMonth(e.at), e.type === 'escalated' ? 'escalations' : 'appeals');
  // Payments confirmed: follow-up questions answered "yes", in the month answered, at their case's place and programme.
  for (const f of followUps) if (f.answer === 'yes' && f.answeredAt) add(byId.get(f.caseId) as GeneratedCase, dhakaMonth(f.answeredAt), 'payments_confirmed');
  return counts;
}

describe('the public report card', () => {
  let db: Db;
  let cleanup: () => void;
  let card: ReportCard;
  let data: ReturnType<typeof generateCases>;

  beforeAll(async () => {
    const t = tempSqliteUrl();
    cleanup = t.cleanup;
    await applyPendingMigrations(t.url);
    data = generateCases(NOW, 20_000);
    insertCases(t.url, data);
    db = await createDb(t.url);
    card = await computeReportCard({ db: db.prisma, clock: { now: () => NOW }, calendar: CALENDAR });
  }, 120_000);
  afterAll(async () => {
    await db.close();
    cleanup();
  });

  it('agrees with a count made from the cases themselves, in every area, month and programme', () => {
    const expected = expectedCounts(data.cases, data.events, data.followUps);
    expect(expected.get('BD|all|lodged')).toBeGreaterThan(10_000);
    // Follow-ups too, with a "no" and a "partly" among them that are no payment confirmed.
    expect(expected.get('BD|all|payments_confirmed')).toBeGreaterThan(1_000);
    expect(data.followUps.some((f) => f.answer === 'no') && data.followUps.some((f) => f.answer === 'partly')).toBe(true);
    expect(card.areas.get('BD')?.slices.get('all')?.counts.payments_confirmed).toBe(expected.get('BD|all|payments_confirmed'));
    let checked = 0;
    const wrong: string[] = [];
    for (const area of card.areas.values()) {
      for (const [slice, f] of area.slices) {
        for (const m of PUBLISHED_MEASURES) {
          const shown = f.counts[m];
          const want = expected.get(`${area.code}|${slice}|${m}`) ?? 0;
          const monthOfNow = slice.startsWith('m:') && (m === 'open_now' || m === 'overdue_now');
          const ok = shown === null ? monthOfNow : shown === '<5' ? want < 5 : shown === '*' ? want >= 5 : shown === want;
          if (!ok) wrong.push(`${area.code} ${slice} ${m}: shown ${String(shown)}, counted ${want}`);
          checked++;
        }
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(50_000);
    // The three districts, each with thousands, are shown in full at the top.
    const districts = [...card.areas.values()].filter((a) => a.level === 'district' && a.children.length > 0);
    expect(districts).toHaveLength(3);
    for (const d of districts) expect(d.slices.get('all')?.counts.lodged).toBe(expected.get(`${d.code}|all|lodged`));
  });

  it('gives the median working days, the share in time and the average rating as counted here', () => {
    const since = new Date(`${MONTHS[0]}-01T00:00:00+06:00`);
    const resolved = data.cases.filter((c) => c.kind === 'grievance' && c.state === 'resolved' && c.closedAt && c.closedAt >= since);
    const days = resolved.map((c) => workingDays(c.createdAt, c.closedAt as Date)).sort((a, b) => a - b);
    const mid = days.length % 2 ? (days[(days.length - 1) / 2] as number) : ((days[days.length / 2 - 1] as number) + (days[days.length / 2] as number)) / 2;
    const all = card.areas.get('BD')?.slices.get('all');
    expect(all?.medianWorkingDays).toBe(Math.round(mid * 10) / 10);
    const inTime = resolved.filter((c) => (c.closedAt as Date) <= c.dueAt).length;
    expect(all?.shareInTime).toBe(Math.round((inTime / resolved.length) * 1000) / 1000);
    const rated = data.cases.filter((c) => c.rating !== null && c.ratedAt && c.ratedAt >= since);
    expect(all?.averageRating).toBe(Math.round((rated.reduce((s, c) => s + (c.rating as number), 0) / rated.length) * 10) / 10);
  });

  it('shows no count below 5, and none that a subtraction from a total shown would give back', () => {
    const leaks: string[] = [];
    /**
     * What a reader can work out of each hidden part of total = Σ parts, with "<5" as 0–4, "*" as 5 or more,
     * and a part never published (resolved late: resolved less resolved in time) as anything up to the total.
     */
    const check = (what: string, total: Shown | null | undefined, parts: Array<Shown | 'unpublished' | null | undefined>): void => {
      if (typeof total !== 'number') return;
      const hidden = parts.filter((p): p is '<5' | '*' | 'unpublished' => p === '<5' || p === '*' || p === 'unpublished');
      if (hidden.length === 0) return;
      const rest = total - parts.reduce<number>((s, p) => s + (typeof p === 'number' ? p : 0), 0);
      const bounds = hidden.map((p) => (p === '<5' ? [0, 4] : p === '*' ? [5, total] : [0, total]) as [number, number]);
      const lo = bounds.reduce((s, b) => s + b[0], 0);
      const hi = bounds.reduce((s, b) => s + b[1], 0);
      bounds.forEach(([l, h], i) => {
        const min = Math.max(l, rest - (hi - h));
        const max = Math.min(h, rest - (lo - l));
        if (max - min < 1 && max !== 0) leaks.push(`${what}: part ${i} is exactly ${max}`);
      });
    };
    let sums = 0;
    for (const area of card.areas.values()) {
      const all = area.slices.get('all');
      for (const [slice, f] of area.slices) {
        for (const m of PUBLISHED_MEASURES) {
          const v = f.counts[m];
          if (typeof v === 'number' && v < 5) leaks.push(`${area.code} ${slice} ${m} shown as ${v}`);
          if (area.children.length > 0) {
            check(`${area.code} ${slice} ${m} less its lower areas`, v, area.children.map((c) => card.areas.get(c)?.slices.get(slice)?.counts[m]));
            sums++;
          }
        }
        // One count less another it contains: the difference is a count too.
        const pairs: Array<[Measure, Measure[]]> = [
          ['resolved', ['resolved_in_time']],
          ['open_now', ['overdue_now']],
          ['exclusion_reports', ['reports_enrolled']],
          ['resolved', ['resolved_union', 'resolved_upazila', 'resolved_district', 'resolved_higher']],
        ];
        for (const [total, parts] of pairs) {
          const t = f.counts[total];
          const p = parts.map((x) => f.counts[x]);
          if (typeof t === 'number' && p.every((x) => typeof x === 'number')) {
            const diff = t - p.reduce<number>((s, x) => s + (x as number), 0);
            if (diff > 0 && diff < 5) leaks.push(`${area.code} ${slice} ${total} less ${parts.join('+')} = ${diff}`);
          } else {
            check(`${area.code} ${slice} ${total} = ${parts.join('+')}`, t, p.length === 1 ? [...p, 'unpublished'] : p);
          }
        }
      }
      for (const m of PUBLISHED_MEASURES) {
        if (m !== 'open_now' && m !== 'overdue_now') check(`${area.code} ${m} year less its months`, all?.counts[m], card.months.map((mo) => area.slices.get(`m:${mo}`)?.counts[m]));
        check(`${area.code} ${m} less its programmes`, all?.counts[m], card.programmes.map((p) => area.slices.get(`p:${p}`)?.counts[m]));
        sums += 2;
      }
    }
    expect(leaks.slice(0, 10)).toEqual([]);
    expect(sums).toBeGreaterThan(10_000);
    // And something was in fact hidden: small unions and months exist in the data.
    const marks = [...card.areas.values()].flatMap((a) => [...a.slices.values()].flatMap((f) => Object.values(f.counts)));
    expect(marks.filter((v) => v === '<5').length).toBeGreaterThan(1_000);
    expect(marks.filter((v) => v === '*').length).toBeGreaterThan(10);
  });
});
