import { randomUUID } from 'node:crypto';
import { Api } from 'grammy';
import { startOfficerAlertsJob } from '../../app/officers/alerts.ts';
import { handleOfficerCallback, linkTelegramReply } from '../../app/officers/telegramLink.ts';
import type { App } from '../../app/createApp.ts';
import type { Env } from '../../config/env.ts';
import type { Clock } from '../../engine/types.ts';
import type { Sender } from '../../infra/delivery/sender.ts';
import type { Logger } from '../../infra/log/logger.ts';
import { isTransientDbError } from '../../infra/db/transient.ts';
import { MAX_ATTEMPTS, retryDelayMs } from '../shared/attempts.ts';
import { createTelegramSender, type TelegramSenderOptions } from './sender.ts';
import { ALLOWED_UPDATES, readUpdate, UpdateSchema, type TelegramUpdate } from './updates.ts';
import { createTelegramWebhook } from './webhook.ts';
import { officerAlertSend, readOfficerCommand } from './officerLink.ts';

export interface TelegramChannel {
  mode: 'webhook' | 'polling';
  /** The bot's @username (without the @), for officers linking their chat; null if Telegram did not say. */
  botUsername: string | null;
  /** The HTTP route, in webhook mode. */
  webhook: ReturnType<typeof createTelegramWebhook> | null;
  /** Handles one update as the webhook or the poller received it. */
  onUpdate(update: TelegramUpdate): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Setu on Telegram: updates in (webhook when PUBLIC_URL is set, else long
 * polling), replies out through the outbox with the Telegram sender.
 */
export async function startTelegram(opts: {
  env: Env;
  app: App;
  log: Logger;
  clock: Clock;
  senders: Map<string, Sender>;
  /** Tests shorten Telegram's one-message-a-second pacing per chat. */
  sender?: TelegramSenderOptions;
}): Promise<TelegramChannel> {
  const { env, app, log, clock } = opts;
  const token = env.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error('TELEGRAM_BOT_TOKEN is not set');
  const api = new Api(token, { apiRoot: env.TELEGRAM_API_ROOT });
  opts.senders.set('telegram', createTelegramSender(api, { pace: app.db.pace, globalPerSecond: env.TELEGRAM_SENDS_PER_SECOND, ...opts.sender }));
  const prisma = app.db.prisma;
  // Officers link their chat here; their area's new, urgent and soon-due cases, and a morning digest, come to it.
  const desk = { db: app.db.prisma, writes: app.db.writes, clock, translator: app.translator, cipher: app.cipher, calendar: app.casePolicy.calendar, deadlineDays: app.casePolicy.deadlineDays, onOutbox: () => app.worker.kick() };
  const alertsJob = startOfficerAlertsJob(
    { ...desk, log, publicUrl: env.PUBLIC_URL, send: officerAlertSend(api), holder: `telegram-alerts:${process.pid}:${randomUUID().slice(0, 8)}` },
    env.OFFICER_ALERTS_INTERVAL_MS,
  );

  const handle = async (update: TelegramUpdate): Promise<void> => {
    const officerCommand = readOfficerCommand(update);
    if (officerCommand?.kind === 'link') {
      const lang = update.message?.from?.language_code?.startsWith('en') ? 'en' : 'bn';
      await api.sendMessage(officerCommand.chatId, await linkTelegramReply(desk, officerCommand.code, officerCommand.chatId, lang));
      return;
    }
    if (officerCommand?.kind === 'officer_callback') {
      const text = (await handleOfficerCallback(desk, officerCommand.chatId, officerCommand.data)) ?? '';
      await api.answerCallbackQuery(officerCommand.callbackId, { text }).catch((err: unknown) => log.warn({ err }, 'answerCallbackQuery failed'));
      if (text) await api.sendMessage(officerCommand.chatId, text);
      return;
    }
    const reading = readUpdate(update, clock.now());
    if (reading.kind === 'ignore') return;
    if (reading.kind === 'group') {
      // Setu speaks with one person at a time: in a group it only points to a private chat.
      await api.sendMessage(reading.chatId, app.translator.t('telegram:group_invite', reading.lang));
      return;
    }
    if (reading.callback) {
      const cb = reading.callback;
      await api.answerCallbackQuery(cb.id).catch((err: unknown) => log.warn({ err }, 'answerCallbackQuery failed'));
      // The question shows the answer chosen and loses its buttons: an old keyboard cannot be pressed twice.
      // The label comes with the update (the question's own keyboard): the outbox is sealed and cannot be searched.
      const label = cb.label ?? null;
      const edit = cb.text !== undefined && label !== null
        ? api.editMessageText(cb.chatId, cb.messageId, `${cb.text}\n\n✓ ${label}`, { reply_markup: { inline_keyboard: [] } })
        : api.editMessageReplyMarkup(cb.chatId, cb.messageId, { reply_markup: { inline_keyboard: [] } });
      await edit.catch((err: unknown) => log.warn({ err }, 'editing the answered question failed'));
    }
    await app.pipeline.handle(reading.inbound);
  };

  /**
   * The update's tries, counted in WebhookEvent before each starts (its body is not kept: until Setu answers 200,
   * or confirms the offset, Telegram keeps the update and sends it again). Throws when even that cannot be written.
   */
  const where = (key: string) => ({ channel_platformKey: { channel: 'telegram', platformKey: key } });
  const countAttempt = (update: TelegramUpdate): Promise<number> => app.db.events.count('telegram', String(update.update_id), clock.now());
  const settle = (update: TelegramUpdate, change: 'forget' | 'uncount'): Promise<void> =>
    (change === 'forget' ? app.db.events.forget('telegram', String(update.update_id)) : app.db.events.uncount('telegram', String(update.update_id))).then(
      () => undefined,
      (err: unknown) => log.warn({ err, updateId: update.update_id }, 'telegram: could not update the try count'),
    );
  const quarantine = async (update: TelegramUpdate, error: string): Promise<void> => {
    await app.db.writes.run(() =>
      prisma.quarantinedUpdate.upsert({
        where: where(String(update.update_id)),
        create: { channel: 'telegram', platformKey: String(update.update_id), body: app.cipher.encrypt(JSON.stringify(update)), error, at: clock.now() },
        update: { error, at: clock.now() },
      }),
    );
    await settle(update, 'forget');
  };

  /**
   * Resolves once the update is handled or set aside; throws while it should be sent again (the webhook answers
   * 500, the poller does not confirm it). A database that cannot write never sets an update aside.
   */
  const onUpdate = async (update: TelegramUpdate): Promise<void> => {
    let attempts: number;
    try {
      attempts = await countAttempt(update);
    } catch (err) {
      app.health.failed(err);
      log.error({ err, updateId: update.update_id }, 'telegram update not recorded; Telegram will send it again');
      throw err;
    }
    if (attempts > MAX_ATTEMPTS) {
      // Its earlier tries never finished (a hang, or a crash of the process): set aside without running it again.
      log.error({ updateId: update.update_id, attempts }, 'telegram update set aside: its earlier tries did not finish');
      await quarantine(update, `set aside after ${MAX_ATTEMPTS} tries that did not finish`);
      return;
    }
    try {
      await handle(update);
      await settle(update, 'forget');
    } catch (err) {
      if (isTransientDbError(err)) {
        app.health.failed(err);
        log.error({ err, updateId: update.update_id }, 'telegram update failed: the database cannot write; it will be tried again');
        await settle(update, 'uncount');
        throw err;
      }
      log.error({ err, updateId: update.update_id, attempts }, 'telegram update failed');
      if (attempts < MAX_ATTEMPTS) throw err;
      await quarantine(update, String(err));
    }
  };

  // Telegram keeps an update at most a day: the counts of any it never sent again are dropped.
  await prisma.webhookEvent
    .deleteMany({ where: { channel: 'telegram', receivedAt: { lt: new Date(clock.now().getTime() - 48 * 60 * 60 * 1000) } } })
    .catch((err: unknown) => log.warn({ err }, 'telegram: could not drop old try counts'));

  await setCommands(api, app).catch((err: unknown) => log.warn({ err }, 'setMyCommands failed'));
  const me = await api.getMe().catch((err: unknown) => (log.warn({ err }, 'getMe failed'), null));
  const botUsername = me?.username ?? null;

  if (env.PUBLIC_URL) {
    const secret = env.TELEGRAM_WEBHOOK_SECRET;
    if (!secret) throw new Error('TELEGRAM_WEBHOOK_SECRET must be set with PUBLIC_URL (Telegram sends it back with every update)');
    await api.setWebhook(`${env.PUBLIC_URL.replace(/\/$/, '')}/telegram/webhook`, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
    const webhook = createTelegramWebhook({
      secret,
      log,
      // A failing update answers 500 so Telegram retries it, until it is quarantined and acknowledged.
      onUpdate,
    });
    return { mode: 'webhook', botUsername, webhook, onUpdate, stop: () => alertsJob.stop() };
  }

  await api.deleteWebhook();
  const poller = poll(api, onUpdate, log);
  return {
    mode: 'polling',
    botUsername,
    webhook: null,
    onUpdate,
    stop: async () => {
      await alertsJob.stop();
      await poller.stop();
    },
  };
}

/** Long polling: one update at a time, in order; an update is confirmed (offset) only once handled or quarantined. */
function poll(api: Api, onUpdate: (u: TelegramUpdate) => Promise<void>, log: Logger): { stop(): Promise<void> } {
  let running = true;
  let offset = 0;
  const loop = (async () => {
    while (running) {
      try {
        const updates = await api.getUpdates({ offset, timeout: 25, allowed_updates: [...ALLOWED_UPDATES] });
        for (const raw of updates) {
          const parsed = UpdateSchema.safeParse(raw);
          if (parsed.success) {
            // Tried again until it succeeds or onUpdate quarantines it: nothing is skipped silently.
            for (let done = false, tries = 1; !done && running; tries += 1) {
              done = await onUpdate(parsed.data).then(() => true, async () => (await new Promise((r) => setTimeout(r, retryDelayMs(tries))), false));
            }
            if (!running) break; // not confirmed: Telegram sends it again to the next start
          } else {
            log.warn({ updateId: raw.update_id }, 'getUpdates returned something that is not an Update; skipped');
          }
          offset = raw.update_id + 1;
        }
      } catch (err) {
        if (!running) break;
        log.warn({ err }, 'getUpdates failed; retrying');
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await Promise.race([loop, new Promise((r) => setTimeout(r, 1000))]);
    },
  };
}

async function setCommands(api: Api, app: App): Promise<void> {
  for (const lang of ['bn', 'en'] as const) {
    const commands = ['start', 'menu', 'status', 'language', 'help'].map((command) => ({ command, description: app.translator.t(`telegram:commands.${command}`, lang) }));
    await api.setMyCommands(commands, lang === 'en' ? { language_code: 'en' } : {});
  }
}
