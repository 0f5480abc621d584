import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { childrenOf, searchPlaces } from '../../src/domain/geo/index.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start } from '../../src/main.ts';
import { createTestDatabase } from '../db/targets.ts';
import { TEST_DATA_KEY } from '../support/appHarness.ts';
import { createOfficer, FormClient, signedIn } from '../support/workspace.ts';

/** Notices on PostgreSQL (scale-out): the same reach, receipts and first-read time as on SQLite. */
describe('office notices on PostgreSQL', () => {
  it('reach the offices below only, and the sender sees who has read them', async () => {
    const db = await createTestDatabase('postgresql');
    const setu = await start(loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY }), createLogger('silent'));
    try {
      const district = searchPlaces('gopalganj', { levels: ['district'] })[0]?.place.code ?? '';
      const upazila = childrenOf(district)[0]?.code ?? '';
      const union = childrenOf(upazila)[0]?.code ?? '';
      const elsewhere = searchPlaces('kaunia', { levels: ['upazila'] })[0]?.place.code ?? '';
      await createOfficer(setu.app, { name: 'District', username: 'district', role: 'district', areaCode: district, language: 'en' });
      await createOfficer(setu.app, { name: 'Upazila', username: 'upazila', role: 'upazila', areaCode: upazila, language: 'en' });
      await createOfficer(setu.app, { name: 'Union', username: 'union', role: 'union', areaCode: union, language: 'en' });
      await createOfficer(setu.app, { name: 'Elsewhere', username: 'elsewhere', role: 'upazila', areaCode: elsewhere, language: 'en' });
      const [sender, up, un, other] = await Promise.all(['district', 'upazila', 'union', 'elsewhere'].map((u) => signedIn(setu.url, u)));
      const csrf = FormClient.csrf((await sender!.get('/officer/notices')).text);
      const sent = await sender!.post('/officer/notices', { _csrf: csrf, kind: 'good_practice', title: 'Pay-day queues', body: 'Open a second counter on pay day.' });
      expect(sent.status).toBe(303);
      const id = sent.headers.get('location')?.match(/^\/officer\/notices\/([^?]+)/)?.[1] ?? '';
      expect((await up!.get('/officer/notices')).text).toContain('Pay-day queues');
      expect((await other!.get('/officer/notices')).text).not.toContain('Pay-day queues');
      expect((await other!.get(`/officer/notices/${id}`)).status).toBe(404);
      expect((await un!.get(`/officer/notices/${id}`)).text).toContain('Open a second counter on pay day.');
      await un!.get(`/officer/notices/${id}`);
      const reads = await setu.app.db.prisma.officeNoticeRead.findMany({ where: { noticeId: id } });
      expect(reads).toHaveLength(1);
      expect((await sender!.get(`/officer/notices/${id}`)).text).toMatch(/read by 1 of 2/i);
    } finally {
      await setu.stop();
      await db.drop();
    }
  }, 60_000);
});
