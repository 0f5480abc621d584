import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from './app/createApp.ts';
import type { Clock } from './engine/types.ts';
import { messengerConfigProblem, messengerConfigured, startMessenger, type MessengerChannel } from './channels/messenger/channel.ts';
import { startTelegram, type TelegramChannel } from './channels/telegram/channel.ts';
import type { TelegramSenderOptions } from './channels/telegram/sender.ts';
import { createAttachmentFetcher } from './app/officers/attachments.ts';
import { parseTrustedProxies } from './channels/shared/clientAddress.ts';
import { createOfficerWeb } from './channels/officerWeb/officerWeb.tsx';
import { createWebChat, webLimitsFrom } from './channels/web/webRoutes.ts';
import { catalogue } from './domain/programmes/index.ts';
import { loadEnv, type Env } from './config/env.ts';
import { createLogger, type Logger } from './infra/log/logger.ts';
import type { Sender } from './infra/delivery/sender.ts';

export interface Running {
  app: App;
  telegram: TelegramChannel | null;
  messenger: MessengerChannel | null;
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Setu: database (migrated), delivery worker, HTTP server with the web
 * chat and a health check. Channels that need accounts join in later issues.
 */
export async function start(env: Env, log: Logger, options: { telegramSender?: TelegramSenderOptions; clock?: Clock } = {}): Promise<Running> {
  const messengerProblem = messengerConfigProblem(env);
  if (messengerProblem) throw new Error(messengerProblem);
  const senders = new Map<string, Sender>();
  const app = await createApp({ env, log, senders, ...(options.clock ? { clock: options.clock } : {}) });
  // The app's clock: tests move it; SETU_CLOCK_OFFSET_DAYS moves it for demos.
  const clock = app.clock;
  const web = createWebChat({ pipeline: app.pipeline, db: app.db.prisma, translator: app.translator, cipher: app.cipher, clock, limits: webLimitsFrom(env) });
  senders.set('web', web.sender);
  const telegram = env.TELEGRAM_BOT_TOKEN ? await startTelegram({ env, app, log, clock, senders, ...(options.telegramSender ? { sender: options.telegramSender } : {}) }) : null;
  const messenger = messengerConfigured(env) ? await startMessenger({ env, app, log, clock, senders }) : null;
  const officerWeb = createOfficerWeb({
    telegramBot: telegram?.botUsername ?? null,
    db: app.db.prisma,
    writes: app.db.writes,
    clock,
    translator: app.translator,
    cipher: app.cipher,
    onOutbox: () => app.worker.kick(),
    log,
    programmes: catalogue.programmes.map((p) => p.id),
    ...app.casePolicy,
    attachments: createAttachmentFetcher({
      ...(env.TELEGRAM_BOT_TOKEN ? { telegram: { token: env.TELEGRAM_BOT_TOKEN, apiRoot: env.TELEGRAM_API_ROOT } } : {}),
      ...(env.FB_ATTACHMENT_HOSTS ? { messengerHosts: env.FB_ATTACHMENT_HOSTS } : {}),
    }),
    publicUrl: () => env.PUBLIC_URL ?? url,
    secureCookies: env.PUBLIC_URL?.startsWith('https://') ?? false,
    formKey: app.formKey,
    trustedProxies: parseTrustedProxies(env.TRUSTED_PROXY),
  });
  app.startJobs();

  const server = createServer((req, res) => {
    // "//" or "http://[" as a path makes URL throw: outside the promise below it would take the process down.
    const url = URL.parse(req.url ?? '/', 'http://localhost');
    if (url === null) {
      req.resume();
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
      return;
    }
    const route = async (): Promise<void> => {
      if (req.method === 'GET' && url.pathname === '/health') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, database: app.db.provider, ...(messenger ? { messenger: messenger.sender.running() ? 'running' : 'stopped: page token refused' } : {}) }));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/telegram/webhook' && telegram?.webhook) {
        await telegram.webhook(req, res);
        return;
      }
      if (url.pathname === '/officer' || url.pathname.startsWith('/officer/')) {
        await officerWeb.handle(req, res);
        return;
      }
      if (url.pathname === '/messenger/webhook' && messenger) {
        if (req.method === 'GET') messenger.verify(url, res);
        else if (req.method === 'POST') await messenger.webhook(req, res);
        else res.writeHead(405, { allow: 'GET, POST' }).end();
        return;
      }
      if (await web.handle(req, res, url)) return;
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    };
    route()
      .catch((err: unknown) => {
        log.error({ err, path: url.pathname }, 'request failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('internal error');
      })
      // A body no route read (a GET with one, a 404, a 401): drained, or the connection closes under the client's next request.
      .finally(() => {
        if (!req.complete) req.resume();
      });
  });
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${env.HOST}:${port}`;
  return {
    app,
    server,
    telegram,
    messenger,
    url,
    async stop() {
      await telegram?.stop();
      await messenger?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;

if (isEntry) {
  try {
    const env = loadEnv();
    const log = createLogger(env.LOG_LEVEL);
    const running = await start(env, log);
    const db = env.DATABASE_URL.startsWith('file:') ? `SQLite (${env.DATABASE_URL.slice(5)})` : 'PostgreSQL';
    process.stdout.write(
      [
        'Setu (সেতু) is running.',
        `  Database:   ${db}, migrations applied`,
        `  Web chat:   ${running.url}/  (Bangla; ${running.url}/?lang=en for English labels)`,
        `  Health:     ${running.url}/health`,
        '  Terminal:   npm run chat   (in another terminal)',
        `  Officers:   ${running.url}/officer  (accounts: npm run officer -- add --help)`,
        running.telegram
          ? `  Telegram:   ${running.telegram.mode === 'webhook' ? `webhook at ${env.PUBLIC_URL ?? ''}/telegram/webhook` : 'long polling'}`
          : '  Telegram:   not configured (set TELEGRAM_BOT_TOKEN to enable it)',
        running.messenger
          ? `  Messenger:  webhook at ${env.PUBLIC_URL ? `${env.PUBLIC_URL.replace(/\/$/, '')}` : running.url}/messenger/webhook (Graph ${env.FB_GRAPH_API_VERSION}; npm run messenger:setup sets the Page's menu)`
          : '  Messenger:  not configured (set FB_PAGE_ACCESS_TOKEN, FB_APP_SECRET, FB_VERIFY_TOKEN to enable it)',
        'Press Ctrl+C to stop.',
        '',
      ].join('\n'),
    );
    const shutdown = (): void => {
      process.stdout.write('Stopping Setu…\n');
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (err) {
    process.stderr.write(`Setu could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
