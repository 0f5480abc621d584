import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/*
 * Phone and NID numbers are encrypted before they reach the database, so a
 * copied database file or backup does not give away who complained. AES-256-GCM
 * both hides the value and detects any change to it; a fresh random 12-byte IV
 * per value means the same phone number never looks the same twice.
 *
 * Sealed format: `v1:<base64url IV>:<base64url ciphertext followed by the
 * 16-byte tag>`. The version prefix leaves room for a new key or algorithm
 * without guessing how old rows were written.
 */

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Encrypts and decrypts single text fields with one key.
 *
 * @example const c = createFieldCipher(key); c.decrypt(c.encrypt('01712345678')) // '01712345678'
 */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

/**
 * A cipher for personal fields under a 32-byte key. `decrypt` throws one
 * clear error for a wrong key, a changed value or a value that is not sealed
 * at all; it never returns garbage.
 *
 * @example createFieldCipher(randomBytes(32)).encrypt('ভাতা') // 'v1:…:…', different every call
 */
export function createFieldCipher(key: Buffer): FieldCipher {
  if (key.length !== KEY_BYTES) throw new RangeError(`field cipher key must be ${KEY_BYTES} bytes, got ${key.length}`);
  const secret = Buffer.from(key);
  return {
    encrypt(plain: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, secret, iv, { authTagLength: TAG_BYTES });
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}:${iv.toString('base64url')}:${body.toString('base64url')}`;
    },
    decrypt(sealed: string): string {
      const parts = sealed.split(':');
      const [version, ivText, bodyText] = parts;
      if (parts.length !== 3 || version !== VERSION || ivText === undefined || bodyText === undefined) {
        throw new Error(`cannot decrypt field: not a sealed value (expected "${VERSION}:<iv>:<data>")`);
      }
      // Node's base64url decoder skips bad characters silently; refuse them instead.
      if (!BASE64URL.test(ivText) || !BASE64URL.test(bodyText)) throw new Error('cannot decrypt field: not base64url');
      const iv = Buffer.from(ivText, 'base64url');
      const body = Buffer.from(bodyText, 'base64url');
      if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new Error('cannot decrypt field: sealed value is truncated');
      try {
        const decipher = createDecipheriv(ALGORITHM, secret, iv, { authTagLength: TAG_BYTES });
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
        return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('cannot decrypt field: wrong key (SETU_DATA_KEY or data/setu.key changed?) or the value was altered');
      }
    },
  };
}

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * A 32-byte key written as 64 hex characters or as base64 (standard or
 * URL-safe, padding optional), e.g. the output of `openssl rand -base64 32`.
 * Messages never include the value, which is a secret.
 *
 * @example KeyTextSchema.parse(randomBytes(32).toString('base64')).length // 32
 */
export const KeyTextSchema = z
  .string()
  .trim()
  .min(1, 'is set but empty; unset it to use the key file, or set 32 bytes as base64 or 64 hex characters')
  .transform((text, ctx) => {
    if (HEX_KEY.test(text)) return Buffer.from(text, 'hex');
    const bytes = BASE64_KEY.test(text) ? Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64') : undefined;
    if (bytes?.length === KEY_BYTES) return bytes;
    ctx.addIssue({
      code: 'custom',
      message:
        bytes === undefined
          ? 'must be 32 bytes as base64 or 64 hex characters (generate one with: openssl rand -base64 32)'
          : `must be 32 bytes, but this base64 holds ${bytes.length} (generate one with: openssl rand -base64 32)`,
    });
    return z.NEVER;
  });

function parseKey(text: string, where: string): Buffer {
  const parsed = KeyTextSchema.safeParse(text);
  if (parsed.success) return parsed.data;
  throw new Error(`${where} ${parsed.error.issues.map((i) => i.message).join('; ')}`);
}

const isErrno = (e: unknown, code: string): boolean => e instanceof Error && 'code' in e && e.code === code;

/**
 * The data key. From `envValue` (SETU_DATA_KEY) when it is set; otherwise,
 * in embedded mode, from `file`, which is created on first start with a new
 * random key, readable by the owner only (0600), and read again on every later
 * start. Losing the file means losing the encrypted fields: back it up with
 * the database. When two processes start at once, both end up with the key
 * that was written first.
 *
 * @example loadOrCreateKey({ envValue: process.env['SETU_DATA_KEY'], file: 'data/setu.key' })
 */
export function loadOrCreateKey(opts: { envValue?: string; file: string }): Buffer {
  if (opts.envValue !== undefined) return parseKey(opts.envValue, 'SETU_DATA_KEY');
  let existing: string | undefined;
  try {
    existing = readFileSync(opts.file, 'utf8');
  } catch (e) {
    if (!isErrno(e, 'ENOENT')) throw e;
  }
  if (existing !== undefined) {
    if (existing.trim() === '') {
      throw new Error(`key file ${opts.file} is empty; restore it from a backup (deleting it makes a new key, and fields sealed with the old one become unreadable)`);
    }
    return parseKey(existing, `key file ${opts.file}`);
  }
  mkdirSync(dirname(opts.file), { recursive: true, mode: 0o700 });
  // Write a temporary file, then link it into place: link fails if the key
  // file appeared meanwhile, so a key is never overwritten or read half-written.
  const temp = `${opts.file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temp, opts.file);
  } catch (e) {
    if (!isErrno(e, 'EEXIST')) throw e;
  } finally {
    unlinkSync(temp);
  }
  return parseKey(readFileSync(opts.file, 'utf8'), `key file ${opts.file}`);
}

/**
 * A field that is sealed now but was stored in clear by older versions:
 * a sealed value is opened (a wrong key still throws), anything else is an
 * old clear value and returned as it is.
 *
 * @example openStored(cipher, cipher.encrypt('ভাতা পাইনি')) // 'ভাতা পাইনি'
 * @example openStored(cipher, 'written before sealing') // 'written before sealing'
 */
export function openStored(cipher: FieldCipher, stored: string): string {
  return isSealed(stored) ? cipher.decrypt(stored) : stored;
}

const SEALED = new RegExp(`^${VERSION}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22,}$`);

/** Whether a stored value has the sealed format (`v1:<16-char IV>:<data and tag>`). */
export function isSealed(stored: string): boolean {
  return SEALED.test(stored);
}
