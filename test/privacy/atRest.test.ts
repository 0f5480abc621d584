import { readFileSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyToCitizen, transitionCase } from '../../src/app/cases/caseActions.ts';
import { loadEnv } from '../../src/config/env.ts';
import { parseDatabaseUrl } from '../../src/infra/db/url.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start } from '../../src/main.ts';
import { RecordingSender, say, startTestApp, TEST_DATA_KEY, tempSqliteUrl } from '../support/appHarness.ts';
import { startFakeTelegram } from '../support/fakeTelegram.ts';
import { readOutbox } from '../support/outbox.ts';
import { createTestDatabase, type ProviderName } from '../db/targets.ts';

/**
 * What a copied database file or backup gives away: after real conversations
 * (an eligibility check with income and an illness, a grievance with a phone
 * the citizen asked to keep private and an NID number in its description, an
 * officer's reply and closing note, an update set aside), every table and
 * column is read and none of the planted secrets may be there in clear, in
 * Latin or Bangla digits. On SQLite the database file's bytes are searched too.
 */

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

const toBangla = (s: string): string => s.replace(/\d/g, (d) => '০১২৩৪৫৬৭৮৯'[Number(d)] ?? d);

/** Each secret with the forms it may be stored in. */
const SECRETS: Record<string, string[]> = {
  'private phone': ['1898765432', '898-765432'],
  'NID in the description': ['5791357913'],
  'description words': ['Sonabhan'],
  income: ['4321', '4,321'],
  illness: ['ill.kidney', 'kidney'],
  "officer's reply": ['1555123456', '555-123456', 'Moinul'],
  'closing note': ['Kobirul'],
  'quarantined update': ['1666111222'],
};

const forms = (): Array<[string, string]> =>
  Object.entries(SECRETS).flatMap(([what, list]) => list.flatMap((s) => [[what, s] as [string, string], [what, toBangla(s)] as [string, string]]));

/** Every text found in every column of every table, with where it was. */
async function everyValue(app: Pick<TestApp, 'db'>): Promise<Array<{ where: string; text: string }>> {
  const prisma = app.db.prisma;
  const tables =
    app.db.provider === 'sqlite'
      ? (await prisma.$queryRawUnsafe<Array<{ name: string }>>(`SELECT name FROM sqlite_master WHERE type = 'table'`)).map((t) => t.name)
      : (await prisma.$queryRawUnsafe<Array<{ table_name: string }>>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).map((t) => t.table_name);
  expect(tables).toEqual(expect.arrayContaining(['InboundMessage', 'OutboxMessage', 'Session', 'Case', 'CaseEvent', 'QuarantinedUpdate', 'AuditEntry']));
  const values: Array<{ where: string; text: string }> = [];
  // Prisma's own record of applied migrations holds random ids and checksums, never our data;
  // a four-digit secret turned up in one by chance (about one run in two hundred).
  for (const table of tables.filter((t) => t !== '_prisma_migrations')) {
    const rows = await prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(`SELECT * FROM "${table}"`);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null || value === undefined) continue;
        values.push({ where: `${table}.${column}`, text: value instanceof Date ? value.toISOString() : String(value) });
      }
    }
  }
  return values;
}

/**
 * Whether the file's bytes hold `form`. A form of digits inside a longer run of
 * hex digits is part of a random id or checksum (Prisma's migrations table),
 * not our data: a four-digit secret turns up in those by chance.
 */
function inBytes(bytes: Buffer, form: string): boolean {
  const needle = Buffer.from(form, 'utf8');
  const hex = (b: number | undefined): boolean => b !== undefined && /[0-9a-fA-F-]/.test(String.fromCharCode(b));
  for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) {
    if (!/^[0-9]+$/.test(form) || !(hex(bytes[at - 1]) || hex(bytes[at + needle.length]))) return true;
  }
  return false;
}

function inClear(values: Array<{ where: string; text: string }>): string[] {
  const found: string[] = [];
  for (const [what, form] of forms()) {
    for (const v of values) if (v.text.includes(form)) found.push(`${what} (${form}) in ${v.where}`);
  }
  return found;
}

/** An eligibility check for oneself with a monthly income and kidney disease. */
async function eligibility(app: TestApp, user: string): Promise<void> {
  await say(app, user, { type: 'start' });
  for (const choiceId of ['lang.en', 'menu.eligibility', 'subj.self']) await say(app, user, { type: 'choice', choiceId });
  await say(app, user, '67');
  // On the checklist of rare situations, the illness: which one, then none of the rest.
  for (const choiceId of ['sex.female', 'ms.widowed', 'chk.illness', 'ill.kidney', 'chk.none']) await say(app, user, { type: 'choice', choiceId });
  await say(app, user, '4,321 taka a month');
}

/** A grievance with a private phone and an NID number in its words; returns its tracking number. */
async function grievance(app: TestApp, sender: RecordingSender, user: string): Promise<string> {
  await say(app, user, { type: 'start' });
  for (const choiceId of ['menu.grievance', 'cat.not_received', 'prog.old_age']) await say(app, user, { type: 'choice', choiceId });
  await say(app, user, 'টুঙ্গিপাড়া');
  await say(app, user, '১');
  await say(app, user, '১');
  await say(app, user, `আমার নাম Sonabhan, এনআইডি ${toBangla('5791357913')}। তিন মাস বয়স্ক ভাতার টাকা পাইনি।`);
  await say(app, user, toBangla('01898-765432'));
  await say(app, user, { type: 'choice', choiceId: 'id.private' });
  await say(app, user, { type: 'choice', choiceId: 'sum.submit' });
  const number = sender.delivered.find((d) => d.externalId === user && d.message.key === 'grievance:submitted')?.message.params?.number;
  if (typeof number !== 'string') throw new Error('no tracking number in the receipt');
  return number;
}

describe.each<ProviderName>(['sqlite', 'postgresql'])('nothing personal in clear at rest (%s)', (provider) => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  const sender = new RecordingSender();

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    app = await startTestApp(db.url, sender);
    await eligibility(app, 'nasima');
    const number = await grievance(app, sender, 'rahima');
    await replyToCitizen(app.caseActions, { trackingNumber: number, text: 'Moinul here: call us on 01555-123456 any day.', actor: 'officer' });
    await transitionCase(app.caseActions, { trackingNumber: number, to: 'acknowledged', actor: 'officer' });
    await transitionCase(app.caseActions, { trackingNumber: number, to: 'resolved', note: 'Kobirul paid the three months.', actor: 'officer' });
    await app.worker.drain();
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('the conversations happened: the secrets reached the citizen and the case as they should', async () => {
    const texts = sender.delivered.map((d) => d.message.text).join('\n');
    expect(texts).toContain('Moinul here');
    expect(texts).toContain('Kobirul');
    expect(sender.delivered.filter((d) => d.externalId === 'nasima').at(-1)?.message.key).not.toMatch(/invalid|error/);
    const c = await app.db.prisma.case.findFirstOrThrow({ where: { contactId: 'test:rahima' } });
    expect(app.cipher.decrypt(c.description)).toContain('এনআইডি');
    expect(app.cipher.decrypt(c.phoneSealed ?? '')).toBe('+8801898765432');
    // What is still to be sent, and what was sent, reads back whole.
    const outbox = await readOutbox(app, { contactId: 'test:rahima' });
    expect(outbox.map((o) => o.message.key)).toContain('cases:notice.reply');
  });

  it('no table holds a planted secret in clear', async () => {
    expect(inClear(await everyValue(app))).toEqual([]);
  });

  it('keeps no text of inbound messages at all: only their platform ids', async () => {
    const rows = await app.db.prisma.inboundMessage.findMany();
    expect(rows.length).toBeGreaterThan(20);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['channel', 'contactId', 'id', 'platformKey', 'receivedAt']);
  });
});

describe('an update set aside on Telegram, and the SQLite file itself', () => {
  it('holds the quarantined update sealed, and no secret anywhere in the database file', async () => {
    const token = '123456:TEST-token_abc';
    const fake = await startFakeTelegram(token);
    const tmp = tempSqliteUrl();
    const env = loadEnv({
      DATABASE_URL: tmp.url,
      PORT: '0',
      SETU_DATA_KEY: TEST_DATA_KEY,
      TELEGRAM_BOT_TOKEN: token,
      PUBLIC_URL: 'https://setu.example.org',
      TELEGRAM_WEBHOOK_SECRET: 'secret',
      TELEGRAM_API_ROOT: fake.apiRoot,
    });
    const setu = await start(env, createLogger('silent'), { telegramSender: { perChatIntervalMs: 0 } });
    try {
      const update = { update_id: 4242, message: { message_id: 1, date: 1_795_000_000, chat: { id: -77, type: 'group' }, from: { id: 5, is_bot: false }, text: `ভাতা চাই, ${toBangla('01666111222')}` } };
      for (let i = 0; i < 3; i += 1) fake.script('sendMessage', { error_code: 500, description: 'Internal Server Error' });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const res = await fetch(`${setu.url}/telegram/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'secret' },
          body: JSON.stringify(update),
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([500, 500, 200]);
      const kept = await setu.app.db.prisma.quarantinedUpdate.findFirstOrThrow({ where: { platformKey: '4242' } });
      expect(JSON.parse(setu.app.cipher.decrypt(kept.body))).toMatchObject({ update_id: 4242 });
      expect(inClear(await everyValue(setu.app))).toEqual([]);
    } finally {
      await setu.stop();
      await fake.close();
    }
    // Closed: the WAL is folded into the file. Its bytes, free pages included, hold no secret either.
    const file = parseDatabaseUrl(tmp.url);
    if (file.provider !== 'sqlite') throw new Error('expected SQLite');
    const bytes = Buffer.concat([file.file, `${file.file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
    expect(forms().filter(([, form]) => inBytes(bytes, form)).map(([what, form]) => `${what} (${form})`)).toEqual([]);
    tmp.cleanup();
  });
});
