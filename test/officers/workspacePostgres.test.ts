import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start } from '../../src/main.ts';
import { createTestDatabase } from '../db/targets.ts';
import { TEST_DATA_KEY } from '../support/appHarness.ts';
import { createOfficer, FormClient, lodgeFromTerminal, signedIn } from '../support/workspace.ts';

/** The workspace on PostgreSQL (scale-out): the same jurisdiction, actions and export as on SQLite. */
describe('the officers\' workspace on PostgreSQL', () => {
  it('shows a case to its upazila officer only, who resolves it; the export and statistics follow', async () => {
    const db = await createTestDatabase('postgresql');
    const setu = await start(loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY }), createLogger('silent'));
    try {
      const number = await lodgeFromTerminal(setu.app, 'hasina', 'en', 'My name was removed from the widow allowance list.');
      const c = await setu.app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });
      await createOfficer(setu.app, { name: 'Mine', username: 'mine', role: 'upazila', areaCode: c.upazilaCode, language: 'en' });
      await createOfficer(setu.app, { name: 'Theirs', username: 'theirs', role: 'upazila', areaCode: 'up446', language: 'en' });
      await createOfficer(setu.app, { name: 'Union', username: 'union', role: 'union', areaCode: c.placeCode, language: 'en' });
      const mine = await signedIn(setu.url, 'mine');
      const theirs = await signedIn(setu.url, 'theirs');
      // A bribe complaint is about the union level: its union worker sees nothing of it here either.
      const union = await signedIn(setu.url, 'union');
      expect((await union.get('/officer?state=all')).text).not.toContain(number);
      expect((await union.get(`/officer/cases/${number}`)).status).toBe(404);
      expect((await union.get('/officer/export.csv?reveal=1')).text).not.toContain(number);
      expect((await mine.get('/officer')).text).toContain(`/officer/cases/${number}`);
      expect((await theirs.get('/officer')).text).not.toContain(number);
      expect((await theirs.get(`/officer/cases/${number}`)).status).toBe(404);
      expect((await theirs.get('/officer/export.csv')).text).not.toContain(number);

      const csrf = FormClient.csrf((await mine.get(`/officer/cases/${number}`)).text);
      const res = await mine.post(`/officer/cases/${number}/act`, { _csrf: csrf, action: 'resolve', note: 'Your name is back on the list from January.' });
      expect(res.status).toBe(303);
      expect((await setu.app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } })).state).toBe('resolved');
      expect((await mine.get('/officer/export.csv')).text).toContain(`${number},grievance,bribe`);
      expect((await mine.get('/officer/stats')).status).toBe(200);
    } finally {
      await setu.stop();
      await db.drop();
    }
  });
});
