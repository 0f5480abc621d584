import { z } from 'zod';

/** Larger than anything Telegram's bots or Messenger's CDN hand out for a complaint. */
const MAX_BYTES = 25 * 1024 * 1024;
const TIMEOUT_MS = 20_000;

/**
 * Where Messenger's webhook attachment URLs point: Meta's CDNs (photos on
 * `scontent*.xx.fbcdn.net`, audio, video and files on `cdn.fbsbx.com` and
 * `lookaside.fbsbx.com`). Meta's webhook reference shows only `<ATTACHMENT_URL>`,
 * so the list is the CDNs' domains, not single hosts.
 */
export const META_CDN_HOSTS: readonly string[] = ['fbcdn.net', '*.fbcdn.net', 'fbsbx.com', '*.fbsbx.com'];

export interface FetchedFile {
  bytes: Uint8Array;
  type: string;
  /** The file's own name where the channel gives one (Telegram's `voice/file_3.oga` → `file_3.oga`, a CDN URL's last segment). */
  name?: string;
}

export interface AttachmentFetcher {
  /** The file behind a stored reference (`telegram:<file_id>`, `messenger:<url>`, `directline:<id>`), or null if it cannot be had. */
  fetch(ref: string, kind: string): Promise<FetchedFile | null>;
}

const GetFile = z.object({ ok: z.literal(true), result: z.object({ file_path: z.string() }) });

/** Telegram's file paths look like `photos/file_12.jpg`: no way up and out of the bot's file folder, no other host. */
const FILE_PATH = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/;

/** A plain file name (`file_3.oga`, `audioclip-1.mp4`), nothing that could be taken for a path. */
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/;

const FALLBACK_TYPE: Record<string, string> = { image: 'image/jpeg', audio: 'audio/ogg', video: 'video/mp4' };

/**
 * Whether Setu may fetch this URL for a Messenger attachment. A rule is a host
 * (`lookaside.fbsbx.com`) or a domain's hosts (`*.fbcdn.net`), over https on
 * its default port only; or a whole origin (`http://127.0.0.1:4010`), for a
 * local stand-in of the CDN. No credentials in the URL.
 * @example allowedAttachmentUrl('https://scontent.xx.fbcdn.net/v/a.jpg', META_CDN_HOSTS) // URL
 * @example allowedAttachmentUrl('http://127.0.0.1:3000/health', META_CDN_HOSTS) // null
 */
export function allowedAttachmentUrl(raw: string, rules: readonly string[]): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '') return null;
  const allowed = rules.some((rule) => {
    if (rule.includes('://')) {
      try {
        return new URL(rule).origin === url.origin;
      } catch {
        return false;
      }
    }
    if (url.protocol !== 'https:' || url.port !== '') return false;
    const host = url.hostname;
    const r = rule.toLowerCase();
    return r.startsWith('*.') ? host.endsWith(r.slice(1)) && host.length > r.length - 1 : host === r;
  });
  return allowed ? url : null;
}

/** Reads a body up to `max` bytes; a longer one is dropped mid-way rather than held in memory. */
async function readCapped(res: Response, max: number): Promise<Uint8Array | null> {
  if (Number(res.headers.get('content-length') ?? '0') > max) {
    await res.body?.cancel();
    return null;
  }
  if (!res.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.byteLength;
    if (size > max) {
      await res.body.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** One request, never following a redirect: a 3xx is not the file, and its Location could be anywhere. */
async function get(url: URL, timeoutMs: number): Promise<Response | null> {
  const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  if (res.status >= 200 && res.status < 300) return res;
  await res.body?.cancel().catch(() => undefined);
  return null;
}

async function download(url: URL, kind: string, limits: { maxBytes: number; timeoutMs: number }): Promise<FetchedFile | null> {
  const res = await get(url, limits.timeoutMs);
  if (!res) return null;
  const bytes = await readCapped(res, limits.maxBytes);
  if (!bytes) return null;
  const given = res.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  // Telegram serves every file as application/octet-stream; the kind we recorded says what it is.
  const type = given && given !== 'application/octet-stream' ? given : (FALLBACK_TYPE[kind] ?? 'application/octet-stream');
  const name = url.pathname.split('/').at(-1) ?? '';
  return { bytes, type, ...(FILE_NAME.test(name) ? { name } : {}) };
}

/** Media a browser shows without running anything; everything else (HTML, SVG, PDF, XML…) is only downloaded. */
const INLINE_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'audio/ogg',
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/wav',
  'audio/webm',
  'video/mp4',
  'video/webm',
  'video/quicktime',
]);

/**
 * The headers an attachment is served with. A citizen's file is served from
 * Setu's own origin, where an officer is signed in: only plain media are shown
 * in the page, typed as they are and never sniffed; anything else comes as a
 * download of bytes, so it never opens as a page (HTML, SVG with script).
 */
export function attachmentHeaders(type: string, name: string): Record<string, string> {
  const inline = INLINE_TYPES.has(type);
  return {
    'Content-Type': inline ? type : 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': inline ? 'inline' : `attachment; filename="${name.replace(/[^A-Za-z0-9_.-]/g, '_')}"`,
  };
}

/** A serviceUrl as an attachment rule: its host over https on the default port, else its exact origin (a local connector). */
function serviceUrlRule(serviceUrl: string): string[] {
  const url = URL.parse(serviceUrl);
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) return [];
  return url.protocol === 'https:' && url.port === '' ? [url.hostname] : [url.origin];
}

/**
 * Cases keep references to files on the channel, not the bytes (except files
 * sent through Setu's own Direct Line, which Setu keeps sealed): officers'
 * requests fetch them from Telegram (getFile, then the file URL, both on the
 * configured Bot API root) or from Messenger's CDN (only the hosts allowed),
 * through Setu, so the browser never talks to those hosts — and Setu talks to
 * no other host for them, whatever URL a stored reference holds.
 */
export function createAttachmentFetcher(opts: {
  telegram?: { token: string; apiRoot: string };
  /** Where Messenger attachment URLs may point (see `allowedAttachmentUrl`); Meta's CDNs by default. */
  messengerHosts?: readonly string[];
  /** Files citizens sent through Setu's own Direct Line (`directline:<id>`), kept by Setu itself. */
  directLine?: { read(ref: string, kind: string): Promise<FetchedFile | null> };
  /**
   * Bot Framework Activity attachments (`activity:<url>`): only from the host of the serviceUrl of the
   * conversation the reference came in on, or from `hosts` (ACTIVITY_ATTACHMENT_HOSTS, rules as for Messenger).
   */
  activity?: { hosts: readonly string[]; serviceUrlsOf(ref: string): Promise<string[]> };
  maxBytes?: number;
  timeoutMs?: number;
}): AttachmentFetcher {
  const limits = { maxBytes: opts.maxBytes ?? MAX_BYTES, timeoutMs: opts.timeoutMs ?? TIMEOUT_MS };
  const messengerHosts = opts.messengerHosts ?? META_CDN_HOSTS;
  const telegramFile = async (fileId: string, kind: string): Promise<FetchedFile | null> => {
    if (!opts.telegram) return null;
    // Joined as text: `bot123:abc/…` on its own would parse as a URL of scheme `bot123:`.
    const root = opts.telegram.apiRoot.replace(/\/?$/, '/');
    const origin = new URL(root).origin;
    const info = await get(new URL(`${root}bot${opts.telegram.token}/getFile?file_id=${encodeURIComponent(fileId)}`), limits.timeoutMs);
    const parsed = info ? GetFile.safeParse(await info.json()) : null;
    if (!parsed?.success || parsed.data.result.file_path.length > 256 || !FILE_PATH.test(parsed.data.result.file_path)) return null;
    const url = new URL(`${root}file/bot${opts.telegram.token}/${parsed.data.result.file_path}`);
    return url.origin === origin ? download(url, kind, limits) : null;
  };
  return {
    async fetch(ref, kind) {
      const colon = ref.indexOf(':');
      const scheme = ref.slice(0, colon);
      const rest = ref.slice(colon + 1);
      try {
        if (scheme === 'telegram') return await telegramFile(rest, kind);
        if (scheme === 'messenger') {
          const url = allowedAttachmentUrl(rest, messengerHosts);
          return url ? await download(url, kind, limits) : null;
        }
        if (scheme === 'directline') return (await opts.directLine?.read(ref, kind)) ?? null;
        if (scheme === 'activity' && opts.activity) {
          const own = (await opts.activity.serviceUrlsOf(ref)).flatMap(serviceUrlRule);
          const url = allowedAttachmentUrl(rest, [...opts.activity.hosts, ...own]);
          return url ? await download(url, kind, limits) : null;
        }
      } catch {
        return null;
      }
      return null;
    },
  };
}
