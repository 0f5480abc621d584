import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeReportCard } from '../../src/app/openData/reportCardSource.ts';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { generateCases, insertCases, type GeneratedCase } from '../support/openDataSet.ts';
import { createOfficer, FormClient, signedIn } from '../support/workspace.ts';

/**
 * An officer records what came of a citizen journalist's report; the report
 * card then counts the person as enrolled. Only on reports, only in the
 * officer's own area, with its history and audit.
 */
const NOW = Date.parse('2026-11-22T09:00:00Z');
let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let report: GeneratedCase;
let grievance: GeneratedCase;
let officer: FormClient;
let outsider: FormClient;

beforeAll(async () => {
  db = tempSqliteUrl();
  setu = await start(loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY }), createLogger('silent'), { clock: new FixedClock(NOW) });
  const data = generateCases(new Date(NOW), 200);
  insertCases(db.url, data);
  report = data.cases.find((c) => c.kind === 'report' && c.closedAt === null && c.createdAt.getTime() > NOW - 200 * 86_400_000 && (c.tier === 'union' || c.tier === 'upazila')) as GeneratedCase;
  // A grievance of the same place and office, which the upazila officer may act on as on the report.
  grievance = data.cases.find((c) => c.kind === 'grievance') as GeneratedCase;
  const { placeCode, upazilaCode, districtCode, tier, officeCode } = report;
  await setu.app.db.prisma.case.update({ where: { id: grievance.id }, data: { placeCode, upazilaCode, districtCode, tier, officeCode, concernsTier: null } });
  const elsewhere = data.cases.find((c) => c.districtCode !== report.districtCode) as GeneratedCase;
  await createOfficer(setu.app, { name: 'Upazila Officer', username: 'upazila', role: 'upazila', areaCode: report.upazilaCode, language: 'en' });
  await createOfficer(setu.app, { name: 'Other Officer', username: 'other', role: 'district', areaCode: elsewhere.districtCode, language: 'en' });
  officer = await signedIn(setu.url, 'upazila');
  outsider = await signedIn(setu.url, 'other');
});

afterAll(async () => {
  await setu.stop();
  db.cleanup();
});

const csrfOf = async (client: FormClient, path: string) => FormClient.csrf((await client.get(path)).text);
const enrolledInCountry = async () => {
  const card = await computeReportCard({ db: setu.app.db.prisma, clock: setu.app.clock, calendar: setu.app.casePolicy.calendar });
  return card.areas.get(report.upazilaCode)?.slices.get('all')?.counts.reports_enrolled;
};

describe("a report's outcome", () => {
  it('is asked on the report, recorded with its history and audit, and counted by the report card as an enrolment', async () => {
    const page = await officer.get(`/officer/cases/${report.trackingNumber}`);
    expect(page.text).toContain('What came of the report');
    expect(page.text).toContain('Nothing recorded yet.');
    const before = await setu.app.db.prisma.case.count({ where: { upazilaCode: report.upazilaCode, kind: 'report', outcome: 'enrolled' } });
    const res = await officer.post(`/officer/cases/${report.trackingNumber}/outcome`, { _csrf: await csrfOf(officer, `/officer/cases/${report.trackingNumber}`), outcome: 'enrolled' });
    expect(res.status).toBe(303);
    const after = await officer.get(`/officer/cases/${report.trackingNumber}?done=outcome`);
    expect(after.text).toContain('The outcome is recorded.');
    expect(after.text).toContain('Recorded: Enrolled');
    expect(after.text).toContain('Outcome recorded');
    expect((await setu.app.db.prisma.case.findUniqueOrThrow({ where: { id: report.id } })).outcome).toBe('enrolled');
    expect(await setu.app.db.prisma.auditEntry.count({ where: { action: 'case.outcome', caseId: report.id } })).toBe(1);
    // The upazila's enrolled reports, as the card shows them: one more than before (or withheld while under 5).
    const shown = await enrolledInCountry();
    if (before + 1 >= 5) expect(shown === before + 1 || shown === '*').toBe(true);
    else expect(shown).toBe('<5');
  });

  it('can be changed later, is refused on a grievance and for an outcome not on the list, and is not there for an officer of elsewhere', async () => {
    const csrf = await csrfOf(officer, `/officer/cases/${report.trackingNumber}`);
    expect((await officer.post(`/officer/cases/${report.trackingNumber}/outcome`, { _csrf: csrf, outcome: 'not_found' })).status).toBe(303);
    expect((await setu.app.db.prisma.case.findUniqueOrThrow({ where: { id: report.id } })).outcome).toBe('not_found');
    const bad = await officer.post(`/officer/cases/${report.trackingNumber}/outcome`, { _csrf: csrf, outcome: 'vanished' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Choose one of the outcomes.');
    const g = await officer.post(`/officer/cases/${grievance.trackingNumber}/outcome`, { _csrf: csrf, outcome: 'enrolled' });
    expect(g.status).toBe(400);
    expect(g.text).toContain('Only a report of someone left out has an outcome.');
    expect((await officer.get(`/officer/cases/${grievance.trackingNumber}`)).text).not.toContain('What came of the report');
    const theirs = await outsider.post(`/officer/cases/${report.trackingNumber}/outcome`, { _csrf: await csrfOf(outsider, '/officer'), outcome: 'enrolled' });
    expect(theirs.status).toBe(404);
    expect((await setu.app.db.prisma.case.findUniqueOrThrow({ where: { id: report.id } })).outcome).toBe('not_found');
  });
});
