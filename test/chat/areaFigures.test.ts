import { afterEach, describe, expect, it } from 'vitest';
import { allPlaces, childrenOf } from '../../src/domain/geo/index.ts';
import type { InboundBody } from '../../src/engine/types.ts';
import { RecordingSender, say, startTestApp, tempSqliteUrl } from '../support/appHarness.ts';
import { generateCases, insertCases, type GeneratedCase, type GeneratedFollowUp } from '../support/openDataSet.ts';
import { asksForAreaFigures } from '../../src/engine/parse/asksForAreaFigures.ts';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * "আমার এলাকার হিসাব" in the chat, on the real pipeline and database: a
 * citizen asks for an area's report card from the menu or in their own words
 * (Bangla, Banglish with a slip, English), names the place there or when
 * asked, and gets the last 12 months' figures, small counts hidden, with a
 * link to the area's page when Setu has a public address.
 *
 * The expected counts are made here from the generated cases, not by Setu's tally.
 */

const CASES = 1000;
const TUNGIPARA = placeCode('upazila', 'Tungipara');
const GOPALGANJ = placeCode('district', 'Gopalganj');

function placeCode(level: 'district' | 'upazila', nameEn: string): string {
  const place = allPlaces().find((p) => p.level === level && p.nameEn === nameEn);
  if (!place) throw new Error(`no ${level} ${nameEn}`);
  return place.code;
}

const nameBn = (code: string): string => allPlaces().find((p) => p.code === code)?.nameBn ?? code;

/** The 12 Dhaka calendar months ending with the one of `now`, as 'YYYY-MM'. */
function lastTwelveMonths(now: Date): Set<string> {
  const dhaka = new Date(now.getTime() + 6 * 3_600_000);
  const months = new Set<string>();
  for (let i = 0; i < 12; i++) months.add(new Date(Date.UTC(dhaka.getUTCFullYear(), dhaka.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
  return months;
}
const dhakaMonth = (at: Date): string => new Date(at.getTime() + 6 * 3_600_000).toISOString().slice(0, 7);

/** Grievances lodged in the last 12 months whose place is, or lies in, `code`. */
function lodgedIn(cases: readonly GeneratedCase[], code: string, now: Date): number {
  const months = lastTwelveMonths(now);
  return cases.filter((c) => c.kind === 'grievance' && [c.placeCode, c.upazilaCode, c.districtCode].includes(code) && months.has(dhakaMonth(c.createdAt))).length;
}

/** Grievances resolved in the last 12 months (by the month closed) in `code`, and of those, by their deadline. */
function resolvedIn(cases: readonly GeneratedCase[], code: string, now: Date): { resolved: number; inTime: number } {
  const months = lastTwelveMonths(now);
  const resolved = cases.filter(
    (c) => c.kind === 'grievance' && c.state === 'resolved' && c.closedAt !== null && [c.placeCode, c.upazilaCode, c.districtCode].includes(code) && months.has(dhakaMonth(c.closedAt)),
  );
  return { resolved: resolved.length, inTime: resolved.filter((c) => (c.closedAt as Date).getTime() <= c.dueAt.getTime()).length };
}

const bnNumber = (n: number): string => new Intl.NumberFormat('bn').format(n);

describe('the chat entry "আমার এলাকার হিসাব"', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function boot(env: Record<string, string> = {}): Promise<{ app: TestApp; sender: RecordingSender; cases: GeneratedCase[]; followUps: GeneratedFollowUp[] }> {
    const db = tempSqliteUrl();
    const sender = new RecordingSender();
    const app = await startTestApp(db.url, sender, undefined, env);
    cleanups.push(db.cleanup, () => app.close());
    const data = generateCases(app.clock.now(), CASES);
    insertCases(db.url, data);
    return { app, sender, cases: data.cases, followUps: data.followUps };
  }

  /** Sends each step, and returns what the user was sent in answer to the last one. */
  async function chat(app: TestApp, sender: RecordingSender, user: string, steps: Array<InboundBody | string>): Promise<{ text: string; keys: string[]; choices: string[]; labels: string[] }> {
    let from = 0;
    for (const step of steps) {
      from = sender.delivered.length;
      const record = await say(app, user, step);
      expect(record.status).toBe('done');
    }
    const answer = sender.delivered.slice(from).filter((d) => d.externalId === user);
    return {
      text: answer.map((d) => d.message.text).join('\n\n'),
      keys: answer.flatMap((d) => d.message.joined ?? [d.message.key]),
      choices: answer.at(-1)?.message.choices.map((c) => c.id) ?? [],
      labels: answer.at(-1)?.message.choices.map((c) => c.label) ?? [],
    };
  }

  it('from the menu in Bangla: asks the place, and for Tungipara shows its grievances lodged in the last 12 months, then the way on', async () => {
    const { app, sender, cases } = await boot();
    const menu = await chat(app, sender, 'rahima', [{ type: 'start' }]);
    expect(menu.choices).toContain('menu.area');
    expect(menu.labels).toContain('আমার এলাকার হিসাব');

    const asked = await chat(app, sender, 'rahima', [{ type: 'choice', choiceId: 'menu.area' }]);
    expect(asked.keys).toEqual(['areafigures:intro', 'areafigures:ask']);
    expect(asked.text).toContain('কোন এলাকার হিসাব দেখতে চান?');

    const shown = await chat(app, sender, 'rahima', ['টুঙ্গিপাড়া']);
    const lodged = lodgedIn(cases, TUNGIPARA, app.clock.now());
    expect(lodged).toBeGreaterThanOrEqual(5);
    expect(shown.keys).toEqual(['areafigures:title', 'areafigures:after']);
    // The place as the geography spells it (টুংগীপাড়া), with its district.
    expect(shown.text).toContain(`${nameBn(TUNGIPARA)}, ${nameBn(GOPALGANJ)}: গত ১২ মাসের হিসাব`);
    expect(shown.text).toContain(`অভিযোগ জমা পড়েছে: ${bnNumber(lodged)}টি`);
    // Bangla digits only, for a Bangla reader.
    expect(shown.text.replace(/https?:\S+/g, '')).not.toMatch(/[0-9]/);
    expect(shown.choices).toEqual(['menu.area', 'menu']);
    // No public address configured: no link.
    expect(shown.text).not.toContain('/open/area/');

    const menuAgain = await chat(app, sender, 'rahima', [{ type: 'choice', choiceId: 'menu' }]);
    expect(menuAgain.keys).toEqual(['menu:prompt']);
  });

  it('Banglish with a slip, naming the place in the same message: the district\'s figures at once', async () => {
    const { app, sender, cases } = await boot();
    const shown = await chat(app, sender, 'karim', [{ type: 'start' }, 'gopalgnj er hisb']);
    const lodged = lodgedIn(cases, GOPALGANJ, app.clock.now());
    expect(shown.keys).toEqual(['areafigures:title', 'areafigures:after']);
    expect(shown.text).toContain(`${nameBn(GOPALGANJ)}: গত ১২ মাসের হিসাব`);
    expect(shown.text).toContain(`অভিযোগ জমা পড়েছে: ${bnNumber(lodged)}টি`);
  });

  it('"amar elakar hisab" as the very first message asks the place; the answer typed with the asking around it still finds it', async () => {
    const { app, sender, cases } = await boot();
    const asked = await chat(app, sender, 'jui', ['amar elakar hisab']);
    expect(asked.keys).toEqual(['common:welcome', 'areafigures:intro', 'areafigures:ask']);
    const shown = await chat(app, sender, 'jui', ['tungiparar hisab dekhao']);
    expect(shown.text).toContain(`অভিযোগ জমা পড়েছে: ${bnNumber(lodgedIn(cases, TUNGIPARA, app.clock.now()))}টি`);
  });

  it('in English: "area report", then the place; figures in English with Latin digits and percentages', async () => {
    const { app, sender, cases, followUps } = await boot();
    const asked = await chat(app, sender, 'sam', [{ type: 'start' }, 'English', 'area report']);
    expect(asked.text).toContain("Which area's figures would you like?");
    const shown = await chat(app, sender, 'sam', ['Tungipara']);
    expect(shown.text).toContain('Tungipara, Gopalganj: figures for the last 12 months');
    expect(shown.text).toContain(`Complaints lodged: ${lodgedIn(cases, TUNGIPARA, app.clock.now())}`);
    expect(shown.text).toMatch(/Resolved: (\d+|fewer than 5|withheld)/);
    expect(shown.text).not.toMatch(/[০-৯]/);
    // A district's counts are large enough for the share resolved in time to be shown.
    const district = await chat(app, sender, 'sam', [{ type: 'choice', choiceId: 'menu.area' }, 'Gopalganj']);
    const { resolved, inTime } = resolvedIn(cases, GOPALGANJ, app.clock.now());
    expect(district.text).toContain(`Resolved: ${resolved}`);
    expect(district.text).toContain(`Resolved within the deadline: ${Math.round((inTime / resolved) * 100)}%`);
    // Follow-up answers "yes" in the last 12 months, for the district's cases: the card's payments confirmed received.
    const months = lastTwelveMonths(app.clock.now());
    const inDistrict = new Set(cases.filter((c) => c.districtCode === GOPALGANJ).map((c) => c.id));
    const confirmed = followUps.filter((f) => f.answer === 'yes' && f.answeredAt !== null && inDistrict.has(f.caseId) && months.has(dhakaMonth(f.answeredAt))).length;
    const line = /Payments confirmed received \(asked after enrolment\): (\d+|fewer than 5|withheld)/.exec(district.text)?.[1];
    if (confirmed < 5) expect(line).toBe('fewer than 5');
    else expect([String(confirmed), 'withheld']).toContain(line);
  });

  it('an area where nothing happened: "no figures yet", kindly, and the way on', async () => {
    const { app, sender } = await boot();
    const shown = await chat(app, sender, 'lina', [{ type: 'start' }, 'English', 'report card', 'Sylhet']);
    expect(shown.keys).toEqual(['areafigures:nothing', 'areafigures:after']);
    expect(shown.text).toContain('Sylhet: no figures yet');
    expect(shown.choices).toEqual(['menu.area', 'menu']);
    // In Bangla, named in one message.
    const bn = await chat(app, sender, 'lina', ['বাংলা', 'সিলেটের হিসাব']);
    expect(bn.text).toContain('সিলেট: গত ১২ মাসে সেতুতে এখানকার কোনো অভিযোগ বা খবর আসেনি');
  });

  it('a small union: a count under 5 reads "৫-এর কম", never the number', async () => {
    const { app, sender, cases } = await boot();
    // A union of Tungipara with one to four grievances lodged in the period, picked from the lists as a person would.
    const small = childrenOf(TUNGIPARA).find((u) => {
      const n = lodgedIn(cases, u.code, app.clock.now());
      return n >= 1 && n <= 4;
    });
    if (!small) throw new Error('the generated cases have no small union in Tungipara');
    const dhaka = allPlaces().find((p) => p.level === 'division' && p.nameEn === 'Dhaka');
    const shown = await chat(app, sender, 'mita', [
      { type: 'start' },
      { type: 'choice', choiceId: 'menu.area' },
      { type: 'choice', choiceId: 'loc.browse' },
      { type: 'choice', choiceId: `loc.p.${dhaka?.code ?? ''}` },
      { type: 'choice', choiceId: `loc.p.${GOPALGANJ}` },
      { type: 'choice', choiceId: `loc.p.${TUNGIPARA}` },
      { type: 'choice', choiceId: `loc.p.${small.code}` },
    ]);
    expect(shown.keys[0]).toBe('areafigures:title');
    expect(shown.text).toContain(`${small.nameBn}, ${nameBn(GOPALGANJ)}`);
    expect(shown.text).toContain('অভিযোগ জমা পড়েছে: ৫-এর কম');
    expect(shown.text).toContain('"৫-এর কম" বা "গোপন রাখা" মানে সংখ্যাটি ছোট');
    const n = lodgedIn(cases, small.code, app.clock.now());
    expect(shown.text).not.toContain(`অভিযোগ জমা পড়েছে: ${bnNumber(n)}`);
  });

  it('with PUBLIC_URL set, the figures link to the area\'s page (a union\'s page for a union)', async () => {
    const { app, sender } = await boot({ PUBLIC_URL: 'https://setu.example.org/' });
    const shown = await chat(app, sender, 'nila', [{ type: 'start' }, 'টুঙ্গিপাড়ার হিসাব']);
    expect(shown.text).toContain(`https://setu.example.org/open/area/${TUNGIPARA}`);
    const union = childrenOf(TUNGIPARA)[0];
    if (!union) throw new Error('Tungipara has no unions');
    const again = await chat(app, sender, 'nila', [
      { type: 'choice', choiceId: 'menu.area' },
      { type: 'choice', choiceId: 'loc.browse' },
      { type: 'choice', choiceId: `loc.p.${allPlaces().find((p) => p.level === 'division' && p.nameEn === 'Dhaka')?.code ?? ''}` },
      { type: 'choice', choiceId: `loc.p.${GOPALGANJ}` },
      { type: 'choice', choiceId: `loc.p.${TUNGIPARA}` },
      { type: 'choice', choiceId: `loc.p.${union.code}` },
    ]);
    expect(again.text).toContain(`https://setu.example.org/open/area/${union.code}`);
  });

  it('a complaint about money that says "হিসাব" is not taken for the figures', async () => {
    const { app, sender } = await boot();
    const answer = await chat(app, sender, 'rina', [{ type: 'start' }, 'ভাতার টাকার হিসাব পাইনি']);
    expect(answer.keys.some((k) => k.startsWith('areafigures:'))).toBe(false);
  });
});

describe('asking for an area\'s figures in one\'s own words', () => {
  it.each([
    ['আমার এলাকার হিসাব', ''],
    ['ইউনিয়নের হিসাব', 'ইউনিয়নের'],
    ['amar elakar hisab', ''],
    ['amar elakr hisb', ''],
    ['area report', ''],
    ['report card', ''],
    ['repot card', ''],
    ["My area's figures", ''],
    ['gopalganj er hisab', 'gopalganj'],
    ['টুঙ্গিপাড়ার হিসাব', 'টুঙ্গিপাড়ার'],
    ['figures for Kurigram', 'kurigram'],
    ['tungipara upazila hisab dekhao', 'tungipara upazila'],
  ])('"%s" asks for them (the place named: "%s")', (text, place) => {
    expect(asksForAreaFigures(text)).toEqual({ place });
  });

  it.each(['হিসাব', 'hisab dekhao', 'আমার ভাতার হিসাব', 'ভাতার টাকার হিসাব পাইনি', 'my area has no office', 'report', 'আমার অভিযোগগুলো', 'আমার ৪৮২১৭৩৯০৮ নম্বরের হিসাব'])(
    '"%s" does not',
    (text) => {
      expect(asksForAreaFigures(text)).toBeNull();
    },
  );
});
