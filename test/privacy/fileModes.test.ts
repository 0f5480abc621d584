import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/createApp.ts';
import { loadEnv } from '../../src/config/env.ts';
import { createFieldCipher } from '../../src/infra/crypto/fieldCipher.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { RecordingSender, say } from '../support/appHarness.ts';
import { FixedClock } from '../support/engineHarness.ts';

/**
 * Who else on the machine can read Setu's data: the SQLite database and its
 * -wal/-shm are 0600, the generated key 0600 in Setu's own folder (0700), and
 * the key is never put next to a database given in a shared folder.
 */

const mode = (path: string): string => `0${(statSync(path).mode & 0o777).toString(8)}`;

/** Log lines, to see what start-up said. */
function captureLog(): { log: ReturnType<typeof createLogger>; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    log: createLogger('info', sink),
    lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

async function run(env: Record<string, string>, log = createLogger('silent')) {
  const sender = new RecordingSender();
  const clock = new FixedClock();
  const app = Object.assign(await createApp({ env: loadEnv({ OUTBOX_POLL_MS: '50', ...env }), log, senders: new Map([['test', sender]]), clock }), { clock });
  return { app, sender };
}

describe.skipIf(process.platform === 'win32')('file modes and the key\'s place', () => {
  let root = '';
  let previousUmask = 0;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'setu-modes-'));
    // The usual default: files 0644, folders 0755 unless Setu asks otherwise.
    previousUmask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(previousUmask);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the database, its -wal and -shm 0600, and the key 0600 in Setu\'s own folder (0700), not next to a database in a shared folder', async () => {
    const shared = join(root, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    const dataDir = join(root, 'setu-data');
    const { app } = await run({ DATABASE_URL: `file:${join(shared, 'x.db')}`, SETU_DATA_DIR: dataDir });
    try {
      await say(app, 'amina', { type: 'start' });
      expect(existsSync(join(shared, 'x.db-wal'))).toBe(true);
      expect(existsSync(join(shared, 'x.db-shm'))).toBe(true);
      for (const f of ['x.db', 'x.db-wal', 'x.db-shm']) expect([f, mode(join(shared, f))]).toEqual([f, '0600']);
      expect(readdirSync(shared).filter((f) => f.endsWith('.key'))).toEqual([]);
      expect(mode(join(dataDir, 'setu.key'))).toBe('0600');
      expect(mode(dataDir)).toBe('0700');
      // A shared folder is Setu's to use, not to change.
      expect(statSync(shared).mode & 0o1777).toBe(0o1777);
    } finally {
      await app.close();
    }
  });

  it('tightens a data folder, database and key left readable by others, and says so', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    const key = randomBytes(32);
    writeFileSync(join(dataDir, 'setu.key'), key.toString('base64'), { mode: 0o644 });
    writeFileSync(join(dataDir, 'setu.db'), '', { mode: 0o644 });
    chmodSync(join(dataDir, 'setu.key'), 0o644);
    chmodSync(join(dataDir, 'setu.db'), 0o644);
    const { log, lines } = captureLog();
    const { app } = await run({ DATABASE_URL: `file:${join(dataDir, 'setu.db')}`, SETU_DATA_DIR: dataDir }, log);
    try {
      await say(app, 'amina', { type: 'start' });
      expect([mode(dataDir), mode(join(dataDir, 'setu.key')), mode(join(dataDir, 'setu.db')), mode(join(dataDir, 'setu.db-wal'))]).toEqual(['0700', '0600', '0600', '0600']);
      // The existing key was kept.
      expect(createFieldCipher(key).decrypt(app.cipher.encrypt('x'))).toBe('x');
      const tightened = lines().filter((l) => typeof l.msg === 'string' && l.msg.includes('tightened')).map((l) => [l.path, l.from, l.to]);
      expect(tightened).toEqual(
        expect.arrayContaining([
          [dataDir, '0755', '0700'],
          [join(dataDir, 'setu.db'), '0644', '0600'],
          [join(dataDir, 'setu.key'), '0644', '0600'],
        ]),
      );
    } finally {
      await app.close();
    }
  });

  it('keeps using a key an older version created next to a database elsewhere, with a warning, so nothing sealed becomes unreadable', async () => {
    const elsewhere = join(root, 'srv');
    mkdirSync(elsewhere);
    const key = randomBytes(32);
    writeFileSync(join(elsewhere, 'setu.key'), key.toString('base64'), { mode: 0o644 });
    chmodSync(join(elsewhere, 'setu.key'), 0o644);
    const dataDir = join(root, 'setu-data');
    const { log, lines } = captureLog();
    const { app } = await run({ DATABASE_URL: `file:${join(elsewhere, 'setu.db')}`, SETU_DATA_DIR: dataDir }, log);
    try {
      expect(createFieldCipher(key).decrypt(app.cipher.encrypt('01712345678'))).toBe('01712345678');
      expect(existsSync(join(dataDir, 'setu.key'))).toBe(false);
      expect(mode(join(elsewhere, 'setu.key'))).toBe('0600');
      expect(lines().some((l) => l.level === 40 && String(l.msg).includes('found next to the database'))).toBe(true);
    } finally {
      await app.close();
    }
  });
});
