import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { backupDatabase, restoreDatabase } from '../../src/infra/db/backup.ts';
import { contactIdFor } from '../../src/infra/db/turnStore.ts';
import { parseOutboxPayload } from '../../src/infra/delivery/sender.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start } from '../../src/main.ts';
import { RecordingSender, say, startTestApp, TEST_DATA_KEY } from '../support/appHarness.ts';
import { createTestDatabase, type ProviderName } from './targets.ts';

/**
 * Backups taken while Setu runs, restored into a stopped one: what was there
 * at the backup is back (and readable with the same data key), what came
 * after is not. SQLite through its online backup, PostgreSQL through
 * pg_dump/pg_restore (this machine's server; the test fails without it).
 */

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const backupFile = (name: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'setu-backup-'));
  dirs.push(dir);
  return join(dir, name);
};

describe.each(['sqlite', 'postgresql'] as ProviderName[])('backup and restore (%s)', (provider) => {
  it('restores what was there at the backup, taken while Setu was answering, and nothing after', async () => {
    const db = await createTestDatabase(provider);
    try {
      let app = await startTestApp(db.url, new RecordingSender());
      await say(app, 'rahima', { type: 'start' });
      await say(app, 'rahima', 'আমার মা কি বয়স্ক ভাতা পাবে?');
      const file = backupFile(provider === 'sqlite' ? 'setu.db' : 'setu.dump');
      // Taken while another conversation is under way.
      const [taken] = await Promise.all([backupDatabase(db.url, file), say(app, 'jorina', { type: 'start' })]);
      expect(taken.bytes).toBeGreaterThan(0);
      await say(app, 'karim', { type: 'start' });
      await app.close();

      restoreDatabase(db.url, file);
      app = await startTestApp(db.url, new RecordingSender());
      try {
        const contacts = (await app.db.prisma.contact.findMany({ select: { externalId: true } })).map((c) => c.externalId);
        expect(contacts).toContain('rahima');
        expect(contacts).not.toContain('karim');
        // Sealed rows come back readable with the same data key.
        const rows = await app.db.prisma.outboxMessage.findMany({ where: { contactId: contactIdFor('test', 'rahima') }, orderBy: { id: 'asc' } });
        expect(rows.map((r) => parseOutboxPayload(r.payload, app.cipher).text).join('\n')).toMatch(/তাঁর বয়স কত বছর/);
        // And Setu goes on from there.
        await say(app, 'rahima', '৭০');
        expect(await app.db.prisma.session.count()).toBeGreaterThan(0);
      } finally {
        await app.close();
      }
    } finally {
      await db.drop();
    }
  });
});

describe('restore', () => {
  it('refuses a file that is not a backup of Setu, and leaves the database as it was', async () => {
    const db = await createTestDatabase('sqlite');
    try {
      const app = await startTestApp(db.url, new RecordingSender());
      await say(app, 'rahima', { type: 'start' });
      await app.close();
      const bogus = backupFile('notes.db');
      writeFileSync(bogus, 'not a database');
      expect(() => restoreDatabase(db.url, bogus)).toThrow();
      const again = await startTestApp(db.url, new RecordingSender());
      expect(await again.db.prisma.contact.count()).toBe(1);
      await again.close();
    } finally {
      await db.drop();
    }
  });
});

describe('/ready', () => {
  it('says ready when the database answers and every migration is applied; /health stays as it was', async () => {
    const db = await createTestDatabase('sqlite');
    const running = await start(loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY }), createLogger('silent'));
    try {
      const ready = await fetch(`${running.url}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ ready: true, database: 'sqlite', pendingMigrations: [] });
      expect((await fetch(`${running.url}/health`)).status).toBe(200);
    } finally {
      await running.stop();
      await db.drop();
    }
  });
});
