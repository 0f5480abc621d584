import { z } from 'zod';

/** Larger than anything Telegram's bots or Messenger's CDN hand out for a complaint. */
const MAX_BYTES = 25 * 1024 * 1024;

export interface FetchedFile {
  bytes: Uint8Array;
  type: string;
}

export interface AttachmentFetcher {
  /** The file behind a stored reference (`telegram:<file_id>`, `messenger:<url>`), or null if it cannot be had. */
  fetch(ref: string, kind: string): Promise<FetchedFile | null>;
}

const GetFile = z.object({ ok: z.literal(true), result: z.object({ file_path: z.string() }) });

const FALLBACK_TYPE: Record<string, string> = { image: 'image/jpeg', audio: 'audio/ogg', video: 'video/mp4' };

async function download(url: string, kind: string): Promise<FetchedFile | null> {
  const res = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  if (!res.ok) return null;
  const length = Number(res.headers.get('content-length') ?? '0');
  if (length > MAX_BYTES) return null;
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.byteLength > MAX_BYTES) return null;
  const given = res.headers.get('content-type')?.split(';')[0]?.trim();
  // Telegram serves every file as application/octet-stream; the kind we recorded says what it is.
  const type = given && given !== 'application/octet-stream' ? given : (FALLBACK_TYPE[kind] ?? 'application/octet-stream');
  return { bytes, type };
}

/**
 * Cases keep references to files on the channel, not the bytes: officers'
 * requests fetch them from Telegram (getFile, then the file URL) or from
 * Messenger's CDN, through Setu, so the browser never talks to those hosts.
 */
export function createAttachmentFetcher(opts: { telegram?: { token: string; apiRoot: string } }): AttachmentFetcher {
  return {
    async fetch(ref, kind) {
      const colon = ref.indexOf(':');
      const scheme = ref.slice(0, colon);
      const rest = ref.slice(colon + 1);
      try {
        if (scheme === 'telegram' && opts.telegram) {
          const root = opts.telegram.apiRoot.replace(/\/$/, '');
          const info = GetFile.safeParse(await (await fetch(`${root}/bot${opts.telegram.token}/getFile?file_id=${encodeURIComponent(rest)}`, { signal: AbortSignal.timeout(20_000) })).json());
          return info.success ? await download(`${root}/file/bot${opts.telegram.token}/${info.data.result.file_path}`, kind) : null;
        }
        if (scheme === 'messenger' && /^https?:\/\//.test(rest)) return await download(rest, kind);
      } catch {
        return null;
      }
      return null;
    },
  };
}
