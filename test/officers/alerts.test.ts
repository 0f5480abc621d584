import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/createApp.ts';
import { runAlerts, type AlertButton, type AlertsDeps, type AlertSend } from '../../src/app/officers/alerts.ts';
import { runDigest } from '../../src/app/officers/digest.ts';
import { createTelegramLinkCode, handleOfficerCallback, LINK_CODE_ALPHABET, linkTelegram, linkTelegramReply } from '../../src/app/officers/telegramLink.ts';
import { defaultCalendar } from '../../src/domain/cases/holidays.data.ts';
import { formatTrackingNumber } from '../../src/domain/cases/trackingNumber.ts';
import { searchPlaces } from '../../src/domain/geo/index.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { officerAlertSend, readOfficerCommand } from '../../src/channels/telegram/officerLink.ts';
import { RecordingSender, startTestApp, tempSqliteUrl } from '../support/appHarness.ts';
import type { FixedClock } from '../support/engineHarness.ts';
import { startFakeTelegram } from '../support/fakeTelegram.ts';
import { createOfficer, lodgeFromTerminal } from '../support/workspace.ts';

/**
 * Officers' Telegram alerts against a temporary SQLite database: linking with
 * a one-time code, alerts for new cases of the officer's area only and once,
 * the daily digest once a day, and acknowledging from the alert's button.
 */

const TOKEN = '123456:TEST-token_abc';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface Sent {
  chatId: string;
  text: string;
  buttons: AlertButton[];
}

let app: App & { clock: FixedClock };
let db: ReturnType<typeof tempSqliteUrl>;
let deps: AlertsDeps;
const ids = { upazila: '', other: '', union: '' };
const CHAT = { upazila: '1001', other: '2002', union: '3003' };
let urgentNumber = '';

function recorder(): { sent: Sent[]; send: AlertSend } {
  const sent: Sent[] = [];
  return { sent, send: async (chatId, text, buttons) => void sent.push({ chatId, text, buttons }) };
}

const officerDeps = () => ({ db: app.db.prisma, writes: app.db.writes, clock: app.clock });

beforeAll(async () => {
  db = tempSqliteUrl();
  app = await startTestApp(db.url, new RecordingSender());
  deps = {
    db: app.db.prisma,
    writes: app.db.writes,
    clock: app.clock,
    translator: app.translator,
    cipher: app.cipher,
    log: createLogger('silent'),
    calendar: defaultCalendar(),
    deadlineDays: app.casePolicy.deadlineDays,
    onOutbox: () => app.worker.kick(),
  };
  // A first case shows where lodgeFromTerminal's cases are.
  const first = await lodgeFromTerminal(app, 'rahima', 'bn', 'ইউনিয়ন অফিসে ঘুষ চেয়েছে।');
  const c = await app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: first } });
  const kaunia = searchPlaces('kaunia', { levels: ['upazila'] })[0]?.place.code ?? '';
  expect(kaunia).not.toBe('');
  ids.upazila = await createOfficer(app, { name: 'Upazila Officer', username: 'upazila', role: 'upazila', areaCode: c.upazilaCode, language: 'en' });
  ids.other = await createOfficer(app, { name: 'Kaunia Officer', username: 'other', role: 'upazila', areaCode: kaunia, language: 'en' });
  ids.union = await createOfficer(app, { name: 'ইউনিয়ন কর্মী', username: 'union', role: 'union', areaCode: c.placeCode, language: 'bn' });
  app.clock.advance(MINUTE);
});

afterAll(async () => {
  await app.close();
  db.cleanup();
});

describe('linking Telegram', () => {
  it('redeems a one-time code once, and not after 15 minutes', async () => {
    const code = await createTelegramLinkCode(officerDeps(), ids.upazila);
    expect(code).toHaveLength(8);
    expect([...code].every((ch) => LINK_CODE_ALPHABET.includes(ch))).toBe(true);
    expect(LINK_CODE_ALPHABET).not.toMatch(/[01IOL]/);
    // Stored hashed only.
    expect(await app.db.prisma.officerToken.count({ where: { tokenHash: code } })).toBe(0);

    expect(await linkTelegram(officerDeps(), code.toLowerCase(), CHAT.upazila)).toBe('Upazila Officer');
    expect(await linkTelegram(officerDeps(), code, '9999')).toBeNull();
    const officer = await app.db.prisma.officer.findUniqueOrThrow({ where: { id: ids.upazila } });
    expect(officer.telegramChatId).toBe(CHAT.upazila);
    expect(await app.db.prisma.auditEntry.count({ where: { actor: ids.upazila, action: 'telegram.link' } })).toBe(1);

    const late = await createTelegramLinkCode(officerDeps(), ids.other);
    app.clock.advance(16 * MINUTE);
    expect(await linkTelegram(officerDeps(), late, CHAT.other)).toBeNull();
    expect(await linkTelegramReply(deps, late, CHAT.other, 'en')).toMatch(/wrong, used or expired/);

    // A newer code voids an older one.
    const older = await createTelegramLinkCode(officerDeps(), ids.other);
    const newer = await createTelegramLinkCode(officerDeps(), ids.other);
    expect(await linkTelegram(officerDeps(), older, CHAT.other)).toBeNull();
    expect(await linkTelegram(officerDeps(), newer, CHAT.other)).toBe('Kaunia Officer');
    const unionCode = await createTelegramLinkCode(officerDeps(), ids.union);
    expect(await linkTelegramReply(deps, unionCode, CHAT.union, 'en')).toContain('যুক্ত হয়েছে, ইউনিয়ন কর্মী');
  });
});

describe('alerts', () => {
  it('sends a new urgent case once, to the officers of its area only', async () => {
    const prime = recorder();
    await runAlerts(deps, prime.send, app.clock.now()); // the first pass starts the count
    expect(prime.sent.filter((s) => s.text.includes('New') || s.text.includes('নতুন'))).toEqual([]);

    urgentNumber = await lodgeFromTerminal(app, 'amina', 'en', 'The union office clerk asked for a bribe of 2000 taka.');
    app.clock.advance(MINUTE);
    const { sent, send } = recorder();
    const result = await runAlerts(deps, send, app.clock.now());
    expect(result.every((a) => a.trackingNumber === urgentNumber && a.reason === 'urgent')).toBe(true);

    const toUpazila = sent.filter((s) => s.chatId === CHAT.upazila);
    expect(toUpazila).toHaveLength(1);
    expect(sent.filter((s) => s.chatId === CHAT.other)).toEqual([]);
    const [alert] = toUpazila;
    expect(alert?.text).toContain(`URGENT: new complaint ${formatTrackingNumber(urgentNumber, 'en')}`);
    expect(alert?.text).toContain('Bribe');
    expect(alert?.text).toContain('Tungipara');
    expect(alert?.text).toContain(`/officer/cases/${urgentNumber}`); // PUBLIC_URL is not https: the path in the text
    expect(alert?.buttons).toEqual([{ text: '✓ Acknowledge', callback: `oack.${urgentNumber}` }]);

    // A bribe complaint is about the union level: the union worker of that union hears nothing of it.
    expect(sent.filter((s) => s.chatId === CHAT.union)).toEqual([]);

    app.clock.advance(MINUTE);
    const again = recorder();
    await runAlerts(deps, again.send, app.clock.now());
    expect(again.sent).toEqual([]);
  });

  it('reminds the office holding a case when its deadline is two working days away, once', async () => {
    const c = await app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: urgentNumber } });
    // Passes twice a day over the last ten days before the deadline.
    let now = new Date(c.dueAt.getTime() - 10 * DAY);
    const reminders: Sent[] = [];
    for (let i = 0; i < 40 && now < c.dueAt; i++) {
      now = new Date(now.getTime() + DAY / 2);
      const r = recorder();
      await runAlerts(deps, r.send, now);
      reminders.push(...r.sent.filter((s) => s.text.includes(formatTrackingNumber(urgentNumber, 'bn')) || s.text.includes(formatTrackingNumber(urgentNumber, 'en'))));
    }
    // A bribe goes to the upazila office first: only its officer is reminded (not the union worker), exactly once.
    expect(c.tier).toBe('upazila');
    expect(reminders.map((s) => s.chatId)).toEqual([CHAT.upazila]);
    expect(reminders[0]?.text).toContain('Deadline near');
  });
});

describe('digest', () => {
  it('goes to each linked officer once a day, from 08:00 Dhaka time', async () => {
    const day = Date.parse('2027-03-01T00:00:00Z'); // 06:00 in Dhaka
    const first = recorder();
    expect(await runDigest(deps, first.send, new Date(day))).toEqual([]);
    const digests = await runDigest(deps, first.send, new Date(day + 3 * 60 * MINUTE)); // 09:00
    expect(first.sent.map((s) => s.chatId).sort()).toEqual([CHAT.upazila, CHAT.other, CHAT.union].sort());
    const mine = digests.find((d) => d.chatId === CHAT.upazila);
    expect(mine?.counts.open).toBe(2);
    expect(mine?.counts.urgent).toBe(2);
    expect(mine?.top).toContain(urgentNumber);
    expect(first.sent.find((s) => s.chatId === CHAT.upazila)?.text).toContain('Open 2');
    expect(digests.find((d) => d.chatId === CHAT.other)?.counts.open).toBe(0);
    // Both cases are bribe complaints: the union worker's digest counts neither and names neither.
    const union = digests.find((d) => d.chatId === CHAT.union);
    expect(union?.counts).toEqual({ open: 0, overdue: 0, urgent: 0, dueSoon: 0 });
    expect(union?.text).not.toContain(formatTrackingNumber(urgentNumber, 'bn'));

    const again = recorder();
    await runDigest(deps, again.send, new Date(day + 10 * 60 * MINUTE));
    expect(again.sent).toEqual([]);

    const tomorrow = recorder();
    await runDigest(deps, tomorrow.send, new Date(day + DAY + 3 * 60 * MINUTE));
    expect(tomorrow.sent).toHaveLength(3);
  });
});

describe('the acknowledge button', () => {
  it("acknowledges for the area's officer and refuses another area's", async () => {
    const data = `oack.${urgentNumber}`;
    expect(await handleOfficerCallback(deps, CHAT.other, data)).toBe('This complaint is not in your area.');
    // A forged press by the union worker (they never got the button) changes nothing.
    expect(await handleOfficerCallback(deps, CHAT.union, data)).toBe('এই অভিযোগ আপনার এলাকার নয়।');
    expect((await app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: urgentNumber } })).state).toBe('received');
    expect((await app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: urgentNumber } })).state).toBe('received');

    expect(await handleOfficerCallback(deps, CHAT.upazila, data)).toContain(`${formatTrackingNumber(urgentNumber, 'en')} is acknowledged`);
    const c = await app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: urgentNumber } });
    expect(c.state).toBe('acknowledged');
    expect(await app.db.prisma.auditEntry.count({ where: { actor: ids.upazila, action: 'case.acknowledge', caseId: c.id } })).toBe(1);

    expect(await handleOfficerCallback(deps, CHAT.upazila, data)).toContain('cannot be acknowledged now');
    expect(await handleOfficerCallback(deps, '5555', data)).toContain('যুক্ত নয়');
    expect(await handleOfficerCallback(deps, CHAT.upazila, 'cat.bribe')).toBeNull();
  });
});

describe('through the Bot API', () => {
  it('sends the alert with an acknowledge button and an https link button', async () => {
    const fake = await startFakeTelegram(TOKEN);
    try {
      const send = officerAlertSend(new Api(TOKEN, { apiRoot: fake.apiRoot }));
      const httpsDeps: AlertsDeps = { ...deps, publicUrl: 'https://setu.example.org/' };
      app.clock.advance(60 * DAY); // past every deadline reminder of the earlier cases
      await runAlerts(httpsDeps, async () => {}, app.clock.now());
      const number = await lodgeFromTerminal(app, 'karim', 'bn', 'ভাতার টাকা চাইলে ঘুষ দাবি করেছে।');
      app.clock.advance(MINUTE);
      await runAlerts(httpsDeps, send, app.clock.now());

      const calls = fake.calls.filter((c) => c.method === 'sendMessage' && String(c.body.chat_id) === CHAT.upazila);
      expect(calls).toHaveLength(1);
      const body = calls[0]?.body ?? {};
      const markup: unknown = typeof body.reply_markup === 'string' ? JSON.parse(body.reply_markup) : body.reply_markup;
      expect(markup).toEqual({
        inline_keyboard: [
          [
            { text: '✓ Acknowledge', callback_data: `oack.${number}` },
            { text: 'Open the case', url: `https://setu.example.org/officer/cases/${number}` },
          ],
        ],
      });
      expect(String(body.text)).not.toContain('Open it in the workspace');
      expect(fake.calls.some((c) => c.method === 'sendMessage' && String(c.body.chat_id) === CHAT.other)).toBe(false);
    } finally {
      await fake.close();
    }
  });
});

describe('readOfficerCommand', () => {
  const message = (text: string, type: 'private' | 'group' = 'private') => ({
    update_id: 1,
    message: { message_id: 1, date: 0, chat: { id: 42, type }, from: { id: 42, is_bot: false }, text },
  });

  it('reads /link CODE in a private chat and the acknowledge button', () => {
    expect(readOfficerCommand(message('/link ABCD2345'))).toEqual({ kind: 'link', chatId: '42', code: 'ABCD2345' });
    expect(readOfficerCommand(message('/link@setu_test_bot abcd-2345'))).toEqual({ kind: 'link', chatId: '42', code: 'abcd-2345' });
    expect(readOfficerCommand(message('/link ABCD2345', 'group'))).toBeNull();
    expect(readOfficerCommand(message('/link'))).toBeNull();
    expect(readOfficerCommand(message('hello'))).toBeNull();
    const press = (data: string) => ({
      update_id: 2,
      callback_query: { id: 'cb1', from: { id: 42, is_bot: false }, data, message: { message_id: 9, chat: { id: 42, type: 'private' as const } } },
    });
    expect(readOfficerCommand(press('oack.482173908'))).toEqual({ kind: 'officer_callback', chatId: '42', callbackId: 'cb1', data: 'oack.482173908', messageId: 9 });
    expect(readOfficerCommand(press('cat.bribe'))).toBeNull();
  });
});

describe('the union worker\'s alerts', () => {
  it('hears in Bangla, with the Acknowledge button, of a case their union holds; of one held above, without it', async () => {
    await runAlerts(deps, async () => {}, app.clock.now());
    const held = await lodgeFromTerminal(app, 'parul', 'bn', 'আমার মায়ের নাম বয়স্ক ভাতার তালিকায় নেই।', 'exclusion');
    const above = await lodgeFromTerminal(app, 'nasima', 'bn', 'তিন মাস ধরে বিধবা ভাতার টাকা আসেনি।', 'not_received');
    app.clock.advance(MINUTE);
    const { sent, send } = recorder();
    await runAlerts(deps, send, app.clock.now());
    const toUnion = sent.filter((s) => s.chatId === CHAT.union);
    const of = (n: string) => toUnion.find((s) => s.text.includes(formatTrackingNumber(n, 'bn')));
    expect(of(held)?.buttons).toEqual([{ text: '✓ গ্রহণ করুন', callback: `oack.${held}` }]);
    expect(of(above)?.buttons).toEqual([]);
    expect(await handleOfficerCallback(deps, CHAT.union, `oack.${above}`)).toBe('এই অভিযোগ আপনার এলাকার নয়।');
    expect(await handleOfficerCallback(deps, CHAT.union, `oack.${held}`)).toContain('গ্রহণ করা হয়েছে');
  });
});
