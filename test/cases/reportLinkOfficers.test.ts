import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { formatTrackingNumber } from '../../src/domain/cases/trackingNumber.ts';
import type { InboundBody } from '../../src/engine/types.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { createOfficer, signedIn } from '../support/workspace.ts';

/** The link between two reports of the same person is for officers: both case pages show it. */

let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;

beforeAll(async () => {
  db = tempSqliteUrl();
  setu = await start(loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'silent' }), createLogger('silent'));
});

afterAll(async () => {
  await setu.stop();
  db.cleanup();
});

async function report(user: string): Promise<void> {
  const steps: InboundBody[] = [
    { type: 'start', payload: 'report' },
    { type: 'choice', choiceId: 'lang.en' },
    ...['Rahima Begum', '72'].map((text): InboundBody => ({ type: 'text', text })),
    { type: 'choice', choiceId: 'sex.female' },
    ...['tungipara gopalganj', '1', '1'].map((text): InboundBody => ({ type: 'text', text })),
    { type: 'choice', choiceId: 'prog.widow' },
    { type: 'text', text: 'Her husband died; no income; not on the list.' },
    { type: 'choice', choiceId: 'consent.yes' },
    { type: 'choice', choiceId: 'id.share' },
    { type: 'choice', choiceId: 'sum.submit' },
  ];
  let n = 0;
  for (const body of steps) await setu.app.pipeline.handle({ channel: 'console', userId: user, messageId: `${user}-${++n}`, body, receivedAt: setu.app.clock.now() });
}

describe('linked reports, as officers see them', () => {
  it('shows the later report on the earlier case\'s page, and the earlier one on the later\'s', async () => {
    await report('reporter1');
    await report('reporter2');
    const [first, second] = await setu.app.db.prisma.case.findMany({ where: { kind: 'report' }, orderBy: { createdAt: 'asc' } });
    expect(second?.duplicateOf).toBe(first?.trackingNumber);
    await createOfficer(setu.app, { name: 'Tungipara Officer', username: 'tungipara', role: 'upazila', areaCode: first?.upazilaCode ?? '', language: 'en' });
    const officer = await signedIn(setu.url, 'tungipara');
    const earlier = await officer.get(`/officer/cases/${first?.trackingNumber ?? ''}`);
    expect(earlier.text).toContain(`Later reports of the same person: ${formatTrackingNumber(second?.trackingNumber ?? '', 'en')}`);
    const later = await officer.get(`/officer/cases/${second?.trackingNumber ?? ''}`);
    expect(later.text).toContain(`Linked to an earlier report: ${formatTrackingNumber(first?.trackingNumber ?? '', 'en')}`);
  });
});
