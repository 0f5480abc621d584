import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from './app/createApp.ts';
import type { Clock } from './engine/types.ts';
import { messengerConfigProblem, messengerConfigured, startMessenger, type MessengerChannel } from './channels/messenger/channel.ts';
import { startActivity, type ActivityChannel } from './channels/activity/channel.ts';
import { activityConfigProblem } from './channels/activity/config.ts';
import { serviceUrlsOfAttachment } from './channels/activity/conversations.ts';
import { startTelegram, type TelegramChannel } from './channels/telegram/channel.ts';
import type { TelegramSenderOptions } from './channels/telegram/sender.ts';
import { createAttachmentFetcher } from './app/officers/attachments.ts';
import { parseTrustedProxies } from './channels/shared/clientAddress.ts';
import { createOfficerWeb } from './channels/officerWeb/officerWeb.tsx';
import { createOpenWeb } from './channels/openWeb/openWeb.tsx';
import { createWebChat, webLimitsFrom } from './channels/web/webRoutes.ts';
import { createDirectLine, directLineLimitsFrom } from './channels/directline/directLine.ts';
import { catalogue } from './domain/programmes/index.ts';
import { loadEnv, type Env } from './config/env.ts';
import { migrationStatus } from './infra/db/migrations.ts';
import { createLogger, type Logger } from './infra/log/logger.ts';
import type { Sender } from './infra/delivery/sender.ts';
import { isTransientDbError } from './infra/db/transient.ts';

export interface Running {
  app: App;
  telegram: TelegramChannel | null;
  messenger: MessengerChannel | null;
  /** `POST /api/messages`, when credentials or anonymous use are configured. */
  activity: ActivityChannel | null;
  server: Server;
  url: string;
  /** Graceful stop: refuses new work (503), lets in-flight turns finish within `graceMs`, stops delivery, closes the database. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts Setu: database (migrated), delivery worker, HTTP server with the web
 * chat and a health check. Channels that need accounts join in later issues.
 */
export async function start(env: Env, log: Logger, options: { telegramSender?: TelegramSenderOptions; clock?: Clock } = {}): Promise<Running> {
  const messengerProblem = messengerConfigProblem(env);
  if (messengerProblem) throw new Error(messengerProblem);
  const activityProblem = activityConfigProblem(env);
  if (activityProblem) throw new Error(activityProblem);
  const senders = new Map<string, Sender>();
  const app = await createApp({ env, log, senders, ...(options.clock ? { clock: options.clock } : {}) });
  // The app's clock: tests move it; SETU_CLOCK_OFFSET_DAYS moves it for demos.
  const clock = app.clock;
  const web = createWebChat({ translator: app.translator, clock, limits: webLimitsFrom(env), frameAncestors: env.WEBCHAT_FRAME_ANCESTORS });
  senders.set('web', web.sender);
  const directLine = createDirectLine({
    pipeline: app.pipeline,
    db: app.db.prisma,
    writes: app.db.writes,
    cipher: app.cipher,
    clock,
    log,
    key: app.directLineKey,
    files: app.directLineFiles,
    limits: directLineLimitsFrom(env),
    ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
  });
  senders.set('directline', directLine.sender);
  // Registers the 'activity' sender; needs no network, so it answers as soon as the server listens.
  const activity = startActivity({ env, app, log, clock, senders });
  let telegram: TelegramChannel | null = null;
  let messenger: MessengerChannel | null = null;
  /** Set on SIGTERM/SIGINT: new work is refused with 503 (platforms send it again), work in flight finishes. */
  let draining = false;
  let officerWeb: ReturnType<typeof createOfficerWeb> | null = null;
  const health = async (): Promise<{ status: number; body: Record<string, unknown> }> => {
    const db = await app.health.check();
    const body: Record<string, unknown> = {
      ok: db.ok && !draining,
      database: app.db.provider,
      ...(db.ok ? {} : { problem: db.reason }),
      ...(draining ? { stopping: true } : {}),
      ...(messenger ? { messenger: messenger.sender.running() ? 'running' : 'stopped: page token refused' } : {}),
    };
    return { status: db.ok && !draining ? 200 : 503, body };
  };
  // Once every migration this process knows is applied it stays so: the probe stops reading them.
  let migrated = false;
  const readiness = async (): Promise<{ status: number; body: Record<string, unknown> }> => {
    const db = await app.health.check();
    const pending = migrated ? [] : ((await migrationStatus(env.DATABASE_URL).catch(() => null))?.pending ?? null);
    if (pending?.length === 0) migrated = true;
    const ready = db.ok && !draining && pending !== null && pending.length === 0;
    const body = { ready, database: app.db.provider, ...(db.ok ? {} : { problem: db.reason }), ...(pending === null ? { migrations: 'unreadable' } : { pendingMigrations: pending }), ...(draining ? { stopping: true } : {}) };
    return { status: ready ? 200 : 503, body };
  };
  // The public report card: no sign-in, figures only (see docs/OPEN-DATA.md).
  const openWeb = createOpenWeb({
    db: app.db.prisma,
    reportCard: app.reportCard,
    translator: app.translator,
    log,
    trustedProxies: parseTrustedProxies(env.TRUSTED_PROXY),
    publicUrl: () => env.PUBLIC_URL ?? url,
    deadlineDays: app.casePolicy.deadlineDays,
  });
  const takesWork = (req: import('node:http').IncomingMessage, path: string): boolean =>
    req.method === 'POST' && (path === '/telegram/webhook' || path === '/messenger/webhook' || path === '/api/messages' || path.startsWith('/v3/directline/'));

  const server = createServer((req, res) => {
    // "//" or "http://[" as a path makes URL throw: outside the promise below it would take the process down.
    const url = URL.parse(req.url ?? '/', 'http://localhost');
    if (url === null) {
      req.resume();
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
      return;
    }
    const route = async (): Promise<void> => {
      // For a load balancer: this process can serve (the database answers, every migration it knows is applied).
      if (req.method === 'GET' && url.pathname === '/ready') {
        const { status, body } = await readiness();
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(body));
        return;
      }
      if (req.method === 'GET' && url.pathname === '/health') {
        const { status, body } = await health();
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
        return;
      }
      if (draining && takesWork(req, url.pathname)) {
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5', connection: 'close' }).end('stopping');
        return;
      }
      // A channel still starting: the platform sends the call again.
      const starting = (url.pathname === '/telegram/webhook' && env.TELEGRAM_BOT_TOKEN && !telegram) || (url.pathname === '/messenger/webhook' && messengerConfigured(env) && !messenger);
      if (starting) {
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' }).end('starting');
        return;
      }
      if (req.method === 'POST' && url.pathname === '/telegram/webhook' && telegram?.webhook) {
        await telegram.webhook(req, res);
        return;
      }
      if (url.pathname === '/officer' || url.pathname.startsWith('/officer/')) {
        if (!officerWeb) return void res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' }).end('starting');
        await officerWeb.handle(req, res);
        return;
      }
      if (url.pathname === '/open' || url.pathname.startsWith('/open/')) {
        await openWeb.handle(req, res);
        return;
      }
      if (url.pathname === '/messenger/webhook' && messenger) {
        if (req.method === 'GET') messenger.verify(url, res);
        else if (req.method === 'POST') await messenger.webhook(req, res);
        else res.writeHead(405, { allow: 'GET, POST' }).end();
        return;
      }
      // The Bot Framework Activity endpoint; a 404 (below) when neither credentials nor anonymous use are set.
      if (url.pathname === '/api/messages' && activity) {
        await activity.handle(req, res);
        return;
      }
      if (await directLine.handle(req, res, url)) return;
      if (await web.handle(req, res, url)) return;
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    };
    route()
      .catch((err: unknown) => {
        log.error({ err, path: url.pathname }, 'request failed');
        // The database cannot write just now: nothing was taken, and the sender (platform or page) should send it again.
        const later = isTransientDbError(err);
        if (!res.headersSent) res.writeHead(later ? 503 : 500, { 'content-type': 'text/plain', ...(later ? { 'retry-after': '5' } : {}) });
        res.end(later ? 'try again shortly' : 'internal error');
      })
      // A body no route read (a GET with one, a 404, a 401): drained, or the connection closes under the client's next request.
      .finally(() => {
        if (!req.complete) req.resume();
      });
  });
  // Direct Line's WebSocket streams; any other upgrade is refused.
  server.on('upgrade', (req, socket, head) => {
    if (draining || !directLine.upgrade(req, socket, head)) socket.destroy();
  });
  // The server answers (health, web chat) before the channels start and replay what was left from the last run.
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${env.HOST}:${port}`;

  telegram = env.TELEGRAM_BOT_TOKEN ? await startTelegram({ env, app, log, clock, senders, ...(options.telegramSender ? { sender: options.telegramSender } : {}) }) : null;
  messenger = messengerConfigured(env) ? await startMessenger({ env, app, log, clock, senders }) : null;
  officerWeb = createOfficerWeb({
    telegramBot: telegram?.botUsername ?? null,
    db: app.db.prisma,
    writes: app.db.writes,
    clock,
    translator: app.translator,
    cipher: app.cipher,
    assistant: app.assistant,
    onOutbox: () => app.worker.kick(),
    log,
    programmes: catalogue.programmes.map((p) => p.id),
    ...app.casePolicy,
    attachments: createAttachmentFetcher({
      ...(env.TELEGRAM_BOT_TOKEN ? { telegram: { token: env.TELEGRAM_BOT_TOKEN, apiRoot: env.TELEGRAM_API_ROOT } } : {}),
      ...(env.FB_ATTACHMENT_HOSTS ? { messengerHosts: env.FB_ATTACHMENT_HOSTS } : {}),
      directLine: directLine.files,
      ...(activity ? { activity: { hosts: env.ACTIVITY_ATTACHMENT_HOSTS ?? [], serviceUrlsOf: (ref: string) => serviceUrlsOfAttachment(app.db.prisma, ref) } } : {}),
    }),
    publicUrl: () => env.PUBLIC_URL ?? url,
    secureCookies: env.PUBLIC_URL?.startsWith('https://') ?? false,
    formKey: app.formKey,
    trustedProxies: parseTrustedProxies(env.TRUSTED_PROXY),
  });
  app.startJobs();
  await messenger?.replay();

  let stopping: Promise<void> | null = null;
  return {
    app,
    server,
    telegram,
    messenger,
    activity,
    url,
    stop(graceMs = env.SHUTDOWN_GRACE_MS) {
      stopping ??= (async () => {
        draining = true;
        const deadline = Date.now() + graceMs;
        const left = (): number => Math.max(0, deadline - Date.now());
        // Still listening meanwhile: new work is answered 503 (platforms send it again), health says stopping.
        await Promise.race([app.pipeline.idle(), new Promise((r) => setTimeout(r, left()).unref())]);
        await telegram?.stop();
        await messenger?.stop(left());
        // Requests in flight (a webhook waiting for its turn) finish; idle keep-alive connections are closed.
        directLine.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await Promise.race([closed, new Promise((r) => setTimeout(r, left()).unref())]);
        server.closeAllConnections();
        await app.close(left());
      })();
      return stopping;
    },
  };
}

/** `npm start` (through scripts/start.mjs, on the compiled dist/main.js) and `tsx src/main.ts`: start, print where, stop on a signal. */
export async function runMain(): Promise<void> {
  try {
    const env = loadEnv();
    const log = createLogger(env.LOG_LEVEL);
    const running = await start(env, log);
    const db = env.DATABASE_URL.startsWith('file:') ? `SQLite (${env.DATABASE_URL.slice(5)})` : 'PostgreSQL';
    process.stdout.write(
      [
        'Setu (সেতু) is running.',
        `  Database:   ${db}, migrations applied`,
        `  Web chat:   ${running.url}/  (the light page; Bangla, ${running.url}/?lang=en for English labels)`,
        `  Web Chat:   ${running.url}/webchat  (Microsoft's Web Chat, for DSS websites to embed: ${running.url}/webchat/embed.js)`,
        `  Health:     ${running.url}/health`,
        '  Terminal:   npm run chat   (in another terminal)',
        `  Officers:   ${running.url}/officer  (accounts: npm run officer -- add --help)`,
        `  Public:     ${running.url}/open  (report card and open data; the Citizen Charter at ${running.url}/open/charter)`,
        running.telegram
          ? `  Telegram:   ${running.telegram.mode === 'webhook' ? `webhook at ${env.PUBLIC_URL ?? ''}/telegram/webhook` : 'long polling'}`
          : '  Telegram:   not configured (set TELEGRAM_BOT_TOKEN to enable it)',
        running.messenger
          ? `  Messenger:  webhook at ${env.PUBLIC_URL ? `${env.PUBLIC_URL.replace(/\/$/, '')}` : running.url}/messenger/webhook (Graph ${env.FB_GRAPH_API_VERSION}; npm run messenger:setup sets the Page's menu)`
          : '  Messenger:  not configured (set FB_PAGE_ACCESS_TOKEN, FB_APP_SECRET, FB_VERIFY_TOKEN to enable it)',
        running.activity
          ? `  Activity:   ${running.url}/api/messages (Bot Framework; ${running.activity.mode === 'anonymous' ? 'anonymous, replies to this machine only' : 'Azure Bot credentials'})`
          : '  Activity:   off (set clientId, tenantId, clientSecret of an Azure Bot, or ACTIVITY_ALLOW_ANONYMOUS=true to try it locally)',
        'Press Ctrl+C to stop.',
        '',
      ].join('\n'),
    );
    let signals = 0;
    const shutdown = (signal: NodeJS.Signals): void => {
      signals += 1;
      // A second Ctrl+C means now.
      if (signals > 1) process.exit(1);
      process.stdout.write(`Stopping Setu (${signal}): finishing the messages in hand…\n`);
      running.stop().then(
        () => {
          process.stdout.write('Setu stopped.\n');
          process.exit(0);
        },
        (err: unknown) => {
          process.stderr.write(`Setu did not stop cleanly: ${err instanceof Error ? err.message : String(err)}\n`);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  } catch (err) {
    process.stderr.write(`Setu could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) await runMain();
