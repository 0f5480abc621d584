import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { createMemoryRateLimiter, type RateLimiter } from '../../app/limits/rateLimiter.ts';
import type { Env } from '../../config/env.ts';
import type { Clock, Lang } from '../../engine/types.ts';
import type { Sender } from '../../infra/delivery/sender.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';
import { clientAddress, parseTrustedProxies, type TrustedProxies } from '../shared/clientAddress.ts';
import { acceptedEncodings, banglaFont, createAssetServer, fontFace, makeAsset, staticFile, webChatBundle } from './assets.ts';
import { lightStyle, renderPage } from './page.ts';
import { lightPageCsp, PAGE_HEADERS, webChatCsp, type PagePolicy } from './security.ts';
import { renderWebChatPage, webChatStyle } from './webchatPage.ts';

/** Page loads per client address (the conversations themselves are Direct Line's, with its own limits). */
export interface WebLimits {
  reads: RateLimiter;
  /** Behind a reverse proxy (TRUSTED_PROXY) the address is the rightmost X-Forwarded-For entry that is not a proxy's. */
  proxies: TrustedProxies;
}

export function webLimitsFrom(env: Env): WebLimits {
  return {
    reads: createMemoryRateLimiter({ burst: Math.ceil(env.WEB_POLL_PER_MINUTE / 2), perMinute: env.WEB_POLL_PER_MINUTE }),
    proxies: parseTrustedProxies(env.TRUSTED_PROXY),
  };
}

function addressOf(req: IncomingMessage, proxies: TrustedProxies): string {
  const forwarded = req.headers['x-forwarded-for'];
  return clientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, proxies);
}

/**
 * Setu's two web pages and their static files. Both talk to Setu through its
 * own Direct Line (/v3/directline: a token makes a conversation on the
 * server; no id is ever the browser's choice):
 * - `/`, the light page (the default): a small hand-written client, for 2G;
 * - `/webchat`, Microsoft's Web Chat (its prebuilt bundle), for DSS websites to embed.
 */
export function createWebChat(deps: {
  translator: Translator;
  clock: Clock;
  limits?: WebLimits;
  /** WEBCHAT_FRAME_ANCESTORS: who may frame the pages. Only Setu itself when not given. */
  frameAncestors?: readonly string[];
}) {
  /** Replies still queued for contacts of the old web chat (channel 'web', before Direct Line): nothing reads them now. */
  const sender: Sender = { send: async () => ({ status: 'sent' }) };
  const policy: PagePolicy = { frameAncestors: deps.frameAncestors ?? ["'self'"] };
  const font = banglaFont();
  const face = fontFace(font);
  const js = 'text/javascript; charset=utf-8';
  const lightScript = makeAsset('/web/light.js', js, staticFile('light.js'));
  const starter = makeAsset('/webchat/setu-webchat.js', js, staticFile('webchat.js'));
  const bundle = webChatBundle();
  const embedWords = Object.fromEntries(
    (['bn', 'en'] as const).map((l) => [l, { open: deps.translator.t('web:embed_open', l), close: deps.translator.t('web:embed_close', l) }]),
  );
  const embedSource = staticFile('embed.js').toString('utf8').replace('__SETU_WORDS__', JSON.stringify(embedWords));
  const embed = makeAsset('/webchat/embed.js', js, Buffer.from(embedSource), { crossOrigin: true });
  const assets = createAssetServer([lightScript, starter, bundle, font, embed]);
  const lightCss = lightStyle(face);
  const webChatCss = webChatStyle(face);

  /** 429 with the reason in both languages and when to try again; false when allowed. */
  const refused = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!deps.limits) return false;
    const verdict = deps.limits.reads.take(addressOf(req, deps.limits.proxies), deps.clock.now().getTime());
    if (verdict.allowed) return false;
    const message = `${deps.translator.t('limits:slow_down', 'bn')}\n${deps.translator.t('limits:slow_down', 'en')}`;
    res.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'retry-after': String(Math.ceil(verdict.retryAfterMs / 1000)) });
    res.end(message);
    return true;
  };

  /** A page: no-store, its CSP, compressed for slow phones. */
  const page = (req: IncomingMessage, res: ServerResponse, html: string, csp: string): void => {
    const accepted = acceptedEncodings(req);
    const raw = Buffer.from(html, 'utf8');
    const [body, encoding] = accepted.includes('br')
      ? [brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } }), 'br']
      : accepted.includes('gzip')
        ? [gzipSync(raw, { level: 9 }), 'gzip']
        : [raw, null];
    res.writeHead(200, {
      ...PAGE_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      vary: 'accept-encoding',
      'content-length': String(body.length),
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const langOf = (url: URL): Lang => (url.searchParams.get('lang') === 'en' ? 'en' : 'bn');

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (await assets.handle(req, res, url)) return true;
    if (url.pathname !== '/' && url.pathname !== '/webchat') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed');
      return true;
    }
    if (refused(req, res)) return true;
    const lang = langOf(url);
    if (url.pathname === '/') {
      page(req, res, renderPage(deps.translator, lang, { script: lightScript.href, style: lightCss }), lightPageCsp(policy, lightCss.source));
      return true;
    }
    // A fresh nonce per response: Web Chat's style elements carry it, an injected one could not.
    const nonce = randomBytes(16).toString('base64');
    page(req, res, renderWebChatPage(deps.translator, lang, { bundle: bundle.href, script: starter.href, style: webChatCss, nonce }), webChatCsp(policy, nonce));
    return true;
  }

  return { sender, handle };
}
