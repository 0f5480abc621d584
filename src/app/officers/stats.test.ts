import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingSender, startTestApp, tempSqliteUrl } from '../../../test/support/appHarness.ts';
import type { App } from '../createApp.ts';
import type { FixedClock } from '../../../test/support/engineHarness.ts';
import { median, statsFor } from './stats.ts';

const DAY = 86_400_000;

describe('statsFor', () => {
  let tmp: { url: string; cleanup(): void };
  let app: App & { clock: FixedClock };
  let seq = 0;

  interface Seed {
    programme: string | null;
    tier: string;
    state: string;
    area?: 'up1' | 'up2';
    /** Days before now it was lodged. */
    ago?: number;
    /** Days it took to close. */
    took?: number;
    /** Days from now to its deadline (negative: overdue). */
    due?: number;
    rating?: number;
  }

  async function seed(s: Seed): Promise<void> {
    seq += 1;
    const now = app.clock.now().getTime();
    const area = s.area ?? 'up1';
    const createdAt = new Date(now - (s.ago ?? 10) * DAY);
    const closedAt = s.took === undefined ? null : new Date(createdAt.getTime() + s.took * DAY);
    await app.db.prisma.case.create({
      data: {
        id: `case-${seq}`,
        trackingNumber: String(100_000_000 + seq),
        kind: 'grievance',
        category: 'not_received',
        programme: s.programme,
        placeCode: area === 'up1' ? 'un1' : 'un2',
        upazilaCode: area,
        districtCode: 'ds1',
        description: 'test case',
        state: s.state,
        tier: s.tier,
        officeCode: `${s.tier}:${area}`,
        dueAt: new Date(now + (s.due ?? 5) * DAY),
        contactId: `contact-${seq}`,
        channel: 'test',
        language: 'bn',
        rating: s.rating ?? null,
        ratedAt: s.rating === undefined ? null : new Date(now),
        createdAt,
        updatedAt: createdAt,
        closedAt,
      },
    });
  }

  beforeEach(async () => {
    tmp = tempSqliteUrl();
    app = await startTestApp(tmp.url, new RecordingSender());
    // Upazila up1 (union un1).
    await seed({ programme: 'old_age', tier: 'union', state: 'resolved', took: 1.5, rating: 5 });
    await seed({ programme: 'old_age', tier: 'upazila', state: 'rejected', took: 4, rating: 3 });
    await seed({ programme: 'old_age', tier: 'union', state: 'received', due: -1 });
    await seed({ programme: 'widow', tier: 'union', state: 'in_progress', due: 2 });
    await seed({ programme: null, tier: 'district', state: 'resolved', ago: 20, took: 10, rating: 4 });
    await seed({ programme: 'widow', tier: 'hq', state: 'resolved', took: 5, rating: 5 });
    // Upazila up2 of the same district: never in an up1 officer's figures.
    await seed({ area: 'up2', programme: 'bede', tier: 'union', state: 'resolved', took: 30, rating: 1 });
    await seed({ area: 'up2', programme: 'bede', tier: 'union', state: 'acknowledged', due: -3 });
    await seed({ area: 'up2', programme: 'old_age', tier: 'hq', state: 'forwarded', due: -2 });
  });

  afterEach(async () => {
    await app.close();
    tmp.cleanup();
  });

  it('counts lodged and closed cases per programme, most lodged first', async () => {
    const s = await statsFor({ db: app.db.prisma, clock: app.clock }, { role: 'upazila', areaCode: 'up1' });
    expect(s.byProgramme).toEqual([
      { key: 'old_age', lodged: 3, resolved: 2 },
      { key: 'widow', lodged: 2, resolved: 1 },
      { key: 'none', lodged: 1, resolved: 1 },
    ]);
  });

  it('counts per tier in routing order, with empty tiers as zero', async () => {
    const s = await statsFor({ db: app.db.prisma, clock: app.clock }, { role: 'upazila', areaCode: 'up1' });
    expect(s.byTier).toEqual([
      { key: 'union', lodged: 3, resolved: 1 },
      { key: 'upazila', lodged: 1, resolved: 1 },
      { key: 'district', lodged: 1, resolved: 1 },
      { key: 'hq', lodged: 1, resolved: 1 },
    ]);
  });

  it('gives open, overdue, the median days to close and satisfaction', async () => {
    const s = await statsFor({ db: app.db.prisma, clock: app.clock }, { role: 'upazila', areaCode: 'up1' });
    expect(s.open).toBe(2);
    expect(s.overdue).toBe(1);
    // Closed after 1.5, 4, 5 and 10 days.
    expect(s.medianDaysToClose).toBe(4.5);
    // Ratings 5, 3, 4, 5.
    expect(s.satisfaction).toEqual({ count: 4, average: 4.3, distribution: [0, 0, 1, 1, 2] });
  });

  it('shows an upazila officer nothing of another upazila, in any figure', async () => {
    const s = await statsFor({ db: app.db.prisma, clock: app.clock }, { role: 'upazila', areaCode: 'up2' });
    expect(s.byProgramme).toEqual([
      { key: 'bede', lodged: 2, resolved: 1 },
      { key: 'old_age', lodged: 1, resolved: 0 },
    ]);
    expect(s.byTier).toEqual([
      { key: 'union', lodged: 2, resolved: 1 },
      { key: 'upazila', lodged: 0, resolved: 0 },
      { key: 'district', lodged: 0, resolved: 0 },
      { key: 'hq', lodged: 1, resolved: 0 },
    ]);
    expect(s.open).toBe(2);
    expect(s.overdue).toBe(2);
    expect(s.medianDaysToClose).toBe(30);
    expect(s.satisfaction).toEqual({ count: 1, average: 1, distribution: [1, 0, 0, 0, 0] });

    const up1 = await statsFor({ db: app.db.prisma, clock: app.clock }, { role: 'upazila', areaCode: 'up1' });
    expect(up1.byProgramme.map((r) => r.key)).not.toContain('bede');
    const lodged = up1.byProgramme.reduce((n, r) => n + r.lodged, 0);
    expect(lodged).toBe(6);
    expect(up1.byTier.reduce((n, r) => n + r.lodged, 0)).toBe(6);
  });

  it('a district officer sees both upazilas; a union officer only the union', async () => {
    const district = await statsFor({ db: app.db.prisma, clock: app.clock }, { role: 'district', areaCode: 'ds1' });
    expect(district.byProgramme.reduce((n, r) => n + r.lodged, 0)).toBe(9);
    expect(district.open).toBe(4);
    expect(district.overdue).toBe(3);
    expect(district.satisfaction.count).toBe(5);
    const union = await statsFor({ db: app.db.prisma, clock: app.clock }, { role: 'union', areaCode: 'un2' });
    expect(union.byProgramme.reduce((n, r) => n + r.lodged, 0)).toBe(3);
  });

  it('has no median or average in an area without closed or rated cases', async () => {
    const s = await statsFor({ db: app.db.prisma, clock: app.clock }, { role: 'upazila', areaCode: 'up9' });
    expect(s).toEqual({
      byProgramme: [],
      byTier: ['union', 'upazila', 'district', 'hq'].map((key) => ({ key, lodged: 0, resolved: 0 })),
      medianDaysToClose: null,
      overdue: 0,
      open: 0,
      satisfaction: { count: 0, average: null, distribution: [0, 0, 0, 0, 0] },
    });
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
