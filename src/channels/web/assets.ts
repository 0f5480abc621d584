import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../infra/db/url.ts';

/**
 * The web pages' static files, served by Setu itself from this repository and
 * from node_modules: no CDN, no build step. Each is read once, compressed once
 * (brotli and gzip, on first request) and served with a strong ETag; the pages
 * name them with `?v=` and their content hash, so browsers keep them a year.
 */

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export interface Asset {
  /** The path the page links to, `?v=` and the first 12 hex digits of the content's SHA-256 included. */
  href: string;
  path: string;
  type: string;
  body: Buffer;
  /** The first 12 hex digits of the content's SHA-256: the `?v=` of `href`. */
  hash: string;
  /** Weak: the same for every encoding of the content. */
  etag: string;
  /** Text compresses; woff2 already is. */
  compressible: boolean;
  /** Sites embedding Setu load it from their own pages (the embed script). */
  crossOrigin?: boolean;
}

const VersionSchema = z.object({ version: z.string() });

function packageDir(name: string): string {
  return join(PROJECT_ROOT, 'node_modules', ...name.split('/'));
}

/** A package's version from its package.json, read as a file (packages' `exports` may hide it from `require`). */
export function packageVersion(name: string): string {
  return VersionSchema.parse(JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8'))).version;
}

export function makeAsset(path: string, type: string, body: Buffer, options: { compressible?: boolean; crossOrigin?: boolean } = {}): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return {
    href: `${path}?v=${hash}`,
    path,
    type,
    body,
    hash,
    etag: `W/"${hash}"`,
    compressible: options.compressible ?? true,
    ...(options.crossOrigin ? { crossOrigin: true } : {}),
  };
}

/** The folder of the pages' own scripts. */
export const STATIC_DIR = join(PROJECT_ROOT, 'src', 'channels', 'web', 'static');

export const staticFile = (name: string): Buffer => readFileSync(join(STATIC_DIR, name));

/** Web Chat's own prebuilt bundle, the minimal one (no Adaptive Cards, speech or Markdown: Setu sends plain text). */
export function webChatBundle(): Asset {
  const file = join(packageDir('botframework-webchat'), 'dist', 'webchat-minimal.js');
  return makeAsset('/webchat/webchat.js', 'text/javascript; charset=utf-8', readFileSync(file));
}

/** The Bangla script of Noto Sans Bengali, regular weight (about 44 KB): Latin text comes from the phone's own fonts. */
export const BANGLA_FONT_FILE = 'noto-sans-bengali-bengali-400-normal.woff2';
export const BANGLA_UNICODE_RANGE =
  'U+0951-0952,U+0964-0965,U+0980-09FE,U+1CD0,U+1CD2,U+1CD5-1CD6,U+1CD8,U+1CE1,U+1CEA,U+1CED,U+1CF2,U+1CF5-1CF7,U+200C-200D,U+20B9,U+25CC,U+A8F1';

export function banglaFont(): Asset {
  const file = join(packageDir('@fontsource/noto-sans-bengali'), 'files', BANGLA_FONT_FILE);
  return makeAsset(`/webchat/fonts/${BANGLA_FONT_FILE}`, 'font/woff2', readFileSync(file), { compressible: false });
}

/**
 * The @font-face both pages use: the phone's own Noto Sans Bengali when it
 * has one (most Android phones: nothing is downloaded), else Setu's copy.
 */
export function fontFace(font: Asset): string {
  return `@font-face{font-family:"Setu Bangla";font-style:normal;font-weight:400;font-display:swap;src:local("Noto Sans Bengali"),local("NotoSansBengali-Regular"),url(${font.href}) format("woff2");unicode-range:${BANGLA_UNICODE_RANGE}}`;
}

type Encoding = 'br' | 'gzip' | 'identity';

/** The encodings a request accepts (q=0 means refused). */
export function acceptedEncodings(req: IncomingMessage): string[] {
  return String(req.headers['accept-encoding'] ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, q]) => q === undefined || !/^q=0(\.0*)?$/.test(q.trim()))
    .map(([name]) => (name ?? '').trim().toLowerCase());
}

/** Serves a fixed set of assets; `handle` answers true when the path was one of them. */
export function createAssetServer(assets: Asset[]) {
  const byPath = new Map(assets.map((a) => [a.path, a]));
  const compressed = new Map<string, { done: Promise<Buffer>; ready?: Buffer }>();
  /** Brotli at its best (Web Chat's bundle: 1.9 MB → 374 KB, not 484 KB as gzip) takes seconds: gzip meanwhile. */
  const encoded = (asset: Asset, encoding: Exclude<Encoding, 'identity'>): { done: Promise<Buffer>; ready?: Buffer } => {
    const key = `${asset.path} ${encoding}`;
    let entry = compressed.get(key);
    if (!entry) {
      const done =
        encoding === 'br'
          ? brotli(asset.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: asset.body.length } })
          : gz(asset.body, { level: 9 });
      const made: { done: Promise<Buffer>; ready?: Buffer } = { done };
      void done.then((b) => {
        made.ready = b;
      });
      compressed.set(key, made);
      entry = made;
    }
    return entry;
  };
  const bodyFor = async (asset: Asset, encoding: Encoding, gzipToo: boolean): Promise<{ body: Buffer; encoding: Encoding }> => {
    if (encoding === 'identity') return { body: asset.body, encoding };
    const entry = encoded(asset, encoding);
    if (entry.ready) return { body: entry.ready, encoding };
    if (encoding === 'br' && gzipToo) return { body: await encoded(asset, 'gzip').done, encoding: 'gzip' };
    return { body: await entry.done, encoding };
  };

  return {
    get: (path: string): Asset | undefined => byPath.get(path),
    /** Compresses every text asset now, so the first visitor does not wait for it. */
    async warm(): Promise<void> {
      await Promise.all(assets.filter((a) => a.compressible).flatMap((a) => [encoded(a, 'br').done, encoded(a, 'gzip').done]));
    },
    async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      const asset = byPath.get(url.pathname);
      if (!asset) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return true;
      }
      // Named with their content hash: a page never asks twice for the same `?v=`. Without one (an old page, a pasted link) an hour.
      const versioned = url.searchParams.get('v') === asset.hash;
      const headers: Record<string, string> = {
        'content-type': asset.type,
        'cache-control': versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
        etag: asset.etag,
        'x-content-type-options': 'nosniff',
        'cross-origin-resource-policy': asset.crossOrigin ? 'cross-origin' : 'same-origin',
      };
      if (asset.compressible) headers.vary = 'accept-encoding';
      if ((req.headers['if-none-match'] ?? '').split(',').some((tag) => tag.trim().replace(/^W\//, '') === asset.etag.slice(2))) {
        res.writeHead(304, headers).end();
        return true;
      }
      const accepted = asset.compressible ? acceptedEncodings(req) : [];
      const best: Encoding = accepted.includes('br') ? 'br' : accepted.includes('gzip') ? 'gzip' : 'identity';
      const { body, encoding } = await bodyFor(asset, best, accepted.includes('gzip'));
      if (encoding !== 'identity') headers['content-encoding'] = encoding;
      headers['content-length'] = String(body.length);
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    },
  };
}
