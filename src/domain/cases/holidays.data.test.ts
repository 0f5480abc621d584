import { describe, expect, it } from 'vitest';
import { defaultCalendar, HOLIDAYS, WORKING_WEEKEND_DAYS } from './holidays.data.ts';
import { assertDateKeys } from './workingDays.ts';

const dates = HOLIDAYS.map((h) => h.date);
const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('holiday data', () => {
  it('has real dates, in order, each once', () => {
    expect(() => assertDateKeys(dates)).not.toThrow();
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
  });

  it('covers 2025 and 2026 only', () => {
    expect(new Set(dates.map((d) => d.slice(0, 4)))).toEqual(new Set(['2025', '2026']));
  });

  it('gives every entry both names and a source', () => {
    for (const h of HOLIDAYS) {
      expect(h.name.trim(), h.date).not.toBe('');
      expect(h.nameBn, h.date).toMatch(/[\u0980-\u09FF]/);
      expect(h.source.trim(), h.date).not.toBe('');
    }
  });

  it('marks every lunar holiday as estimated and no fixed one', () => {
    for (const h of HOLIDAYS) expect(h.estimated, `${h.date} ${h.name}`).toBe(h.kind === 'lunar');
  });

  it.each(['2025', '2026'])('has the fixed national holidays of %s', (year) => {
    for (const mmdd of ['02-21', '03-26', '04-14', '05-01', '08-05', '12-16', '12-25']) {
      const h = HOLIDAYS.find((x) => x.date === `${year}-${mmdd}`);
      expect(h?.kind, `${year}-${mmdd}`).toBe('fixed');
    }
  });

  it.each(['Eid ul-Fitr', 'Eid ul-Adha', 'Ashura', 'Eid-e-Miladunnabi', 'Shab-e-Barat', 'Janmashtami', 'Bijoya Dashami'])(
    'has %s in both years, estimated',
    (name) => {
      for (const year of ['2025', '2026']) {
        const found = HOLIDAYS.filter((h) => h.date.startsWith(year) && h.name.includes(name));
        expect(found.length, `${name} ${year}`).toBeGreaterThan(0);
        expect(found.every((h) => h.estimated)).toBe(true);
      }
    },
  );

  it('has Buddha Purnima 2025 as its own entry; in 2026 it falls on May Day', () => {
    expect(HOLIDAYS.some((h) => h.date.startsWith('2025') && h.name === 'Buddha Purnima')).toBe(true);
    expect(dates).toContain('2026-05-01');
  });

  it('leaves out the holidays cancelled in October 2024', () => {
    for (const d of ['2025-03-07', '2026-03-07', '2025-08-15', '2026-08-15', '2025-03-17']) expect(dates).not.toContain(d);
    expect(HOLIDAYS.some((h) => /mourning|mujib|bangabandhu|children/i.test(h.name))).toBe(false);
  });

  it('lists only Saturdays or Fridays as weekend days ordered open', () => {
    for (const d of WORKING_WEEKEND_DAYS) {
      expect([5, 6]).toContain(weekday(d.date));
      expect(d.source).not.toBe('');
      expect(dates).not.toContain(d.date);
    }
  });
});

describe('defaultCalendar', () => {
  it('has the Friday–Saturday weekend and all listed holidays', () => {
    const cal = defaultCalendar();
    expect([...cal.weekend].sort()).toEqual([5, 6]);
    expect(cal.holidays.size).toBe(HOLIDAYS.length);
    expect(cal.workingDays?.has('2025-05-17')).toBe(true);
  });

  it('adds extra holidays without changing the shipped list', () => {
    const cal = defaultCalendar(['2026-12-31', '2026-12-16']);
    expect(cal.holidays.has('2026-12-31')).toBe(true);
    expect(cal.holidays.size).toBe(HOLIDAYS.length + 1);
    expect(defaultCalendar().holidays.has('2026-12-31')).toBe(false);
  });
});
