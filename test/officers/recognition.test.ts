import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { readOutbox } from '../support/outbox.ts';
import { generateCases, insertCases, type GeneratedCase } from '../support/openDataSet.ts';
import { createOfficer, FormClient, signedIn } from '../support/workspace.ts';

/**
 * A citizen journalist hears what came of each report, and is thanked with a
 * certificate when their reports have helped 1 and then 5 people into
 * support; anyone can check the certificate, which names no one.
 */
const NOW = Date.parse('2026-11-22T09:00:00Z');
let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let reports: GeneratedCase[];
let officer: FormClient;

beforeAll(async () => {
  db = tempSqliteUrl();
  setu = await start(loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY, PUBLIC_URL: 'https://setu.example.gov.bd' }), createLogger('silent'), { clock: new FixedClock(NOW) });
  const data = generateCases(new Date(NOW), 40);
  const first = data.cases[0] as GeneratedCase;
  // Six reports of one reporter, in one union, held by its upazila office.
  reports = data.cases.slice(0, 6).map((c) => ({ ...c, kind: 'report', category: 'exclusion', placeCode: first.placeCode, upazilaCode: first.upazilaCode, districtCode: first.districtCode, tier: 'upazila', officeCode: first.upazilaCode, state: 'received', closedAt: null, outcome: null, decidedTier: null }));
  insertCases(db.url, { cases: reports, events: [] });
  await setu.app.db.prisma.case.updateMany({ where: { id: { in: reports.map((r) => r.id) } }, data: { contactId: 'test:reporter', language: 'bn' } });
  await setu.app.db.prisma.contact.create({ data: { id: 'test:reporter', channel: 'test', externalId: 'reporter', createdAt: new Date(NOW), lastSeenAt: new Date(NOW), language: 'bn' } });
  await createOfficer(setu.app, { name: 'Upazila Officer', username: 'upazila', role: 'upazila', areaCode: first.upazilaCode, language: 'en' });
  officer = await signedIn(setu.url, 'upazila');
});

afterAll(async () => {
  await setu.stop();
  db.cleanup();
});

const record = async (r: GeneratedCase, outcome: string) => {
  const csrf = FormClient.csrf((await officer.get(`/officer/cases/${r.trackingNumber}`)).text);
  return officer.post(`/officer/cases/${r.trackingNumber}/outcome`, { _csrf: csrf, outcome });
};
const told = async () => (await readOutbox(setu.app, { contactId: 'test:reporter' })).map((o) => o.message.text);
const codeIn = (text: string): string => /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(text)?.[0] ?? '';

describe('recognition for a citizen journalist', () => {
  it('tells the reporter each outcome in Bangla, and thanks them with a certificate at the first enrolment', async () => {
    expect((await record(reports[0] as GeneratedCase, 'not_found')).status).toBe(303);
    expect((await told()).at(-1)).toContain('খুঁজে পায়নি');
    expect((await record(reports[0] as GeneratedCase, 'enrolled')).status).toBe(303);
    const said = await told();
    expect(said.at(-2)).toContain('এখন সহায়তা পাচ্ছেন');
    expect(said.at(-1)).toContain('আপনার সনদ: https://setu.example.gov.bd/open/certificate/');
    const code = codeIn(said.at(-1) ?? '');
    expect(code).not.toBe('');
    // Recording the same outcome again says nothing new and gives nothing twice.
    await record(reports[0] as GeneratedCase, 'enrolled');
    expect(await told()).toHaveLength(said.length);
    expect(await setu.app.db.prisma.recognition.count()).toBe(1);

    const cert = await (await fetch(`${setu.url}/open/certificate/${code}`)).text();
    expect(cert).toContain('ধন্যবাদ সনদ');
    expect(cert).toContain('Certificate of thanks');
    expect(cert).toContain(code);
    for (const secret of ['Rahima', 'Karim', reports[0]?.trackingNumber ?? '-', 'reporter']) expect(cert).not.toContain(secret);
    const check = await (await fetch(`${setu.url}/open/verify/${code.toLowerCase().replaceAll('-', ' ')}?lang=en`)).text();
    expect(check).toContain(`Genuine: certificate ${code}`);
  });

  it('gives the next certificate at the fifth enrolment, and says a made-up code is not one', async () => {
    for (const r of reports.slice(1, 4)) await record(r, 'enrolled');
    expect(await setu.app.db.prisma.recognition.count()).toBe(1);
    await record(reports[4] as GeneratedCase, 'enrolled');
    const last = (await told()).at(-1) ?? '';
    expect(last).toContain('৫ জন মানুষ সহায়তা পাচ্ছেন');
    const code = codeIn(last);
    const check = await (await fetch(`${setu.url}/open/verify?code=${code}&lang=en`)).text();
    expect(check).toContain('for helping 5 people receive support');
    const fake = await (await fetch(`${setu.url}/open/verify?code=AAAA-BBBB-CCCC&lang=en`)).text();
    expect(fake).toContain('No certificate has the code AAAA-BBBB-CCCC');
    expect(await (await fetch(`${setu.url}/open/verify?code=hello&lang=en`)).text()).toContain('That is not a certificate code');
    expect((await fetch(`${setu.url}/open/certificate/AAAA-BBBB-CCCC`)).status).toBe(404);
  });
});
