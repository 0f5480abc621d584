import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start } from '../../src/main.ts';
import { createTestDatabase } from '../db/targets.ts';
import { TEST_DATA_KEY } from '../support/appHarness.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { createOfficer, FormClient, lodgeFromTerminal, PASSWORD, signedIn } from '../support/workspace.ts';

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

  it('counts 40 guesses sent at once to two Setu processes on one database: 5 are checked, the right password after them waits', async () => {
    const db = await createTestDatabase('postgresql');
    const clock = new FixedClock();
    const env = loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY });
    const one = await start(env, createLogger('silent'), { clock });
    const two = await start(env, createLogger('silent'), { clock });
    try {
      await createOfficer(one.app, { name: 'Target', username: 'target', role: 'upazila', areaCode: 'up446', language: 'en' });
      // The form cookie is signed with a key both processes derive from SETU_DATA_KEY: a form from one is good on the other.
      const client = new FormClient(one.url);
      const csrf = FormClient.csrf((await client.get('/officer/signin')).text);
      const other = new FormClient(two.url);
      for (const [k, v] of client.cookies) other.cookies.set(k, v);
      const burst = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? other : client).post('/officer/signin', { _csrf: csrf, username: 'target', password: `guess-number-${i}` })),
      );
      const statuses = burst.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(35);
      expect((await other.post('/officer/signin', { _csrf: csrf, username: 'target', password: PASSWORD })).status).toBe(429);
      clock.advance(5_000);
      expect((await other.post('/officer/signin', { _csrf: csrf, username: 'target', password: PASSWORD })).status).toBe(303);
    } finally {
      await one.stop();
      await two.stop();
      await db.drop();
    }
  });
});
