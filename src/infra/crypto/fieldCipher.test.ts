import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFieldCipher, KeyTextSchema, loadOrCreateKey } from './fieldCipher.ts';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const cipher = createFieldCipher(KEY);

/** Changes one character of a base64url text to another valid one. */
const flip = (text: string, at: number): string => {
  const c = text[at] === 'A' ? 'B' : 'A';
  return `${text.slice(0, at)}${c}${text.slice(at + 1)}`;
};

describe('createFieldCipher', () => {
  it.each([
    ['01712345678'],
    ['+8801712345678'],
    ['১৯৫৮২৬১২৩৪৫৬৭৮৯০১'],
    ['রহিমা বেগম, গ্রাম: চরফ্যাশন, ভোলা'],
    ['Banglish: amar nam Rahima'],
    ['emoji 👵🏽 and zero-width\u200d joiner'],
    [''],
    ['x'.repeat(10_000)],
  ])('round-trips %j', (plain) => {
    const sealed = cipher.encrypt(plain);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    expect(cipher.decrypt(sealed)).toBe(plain);
  });

  it('does not contain the plain text', () => {
    const sealed = cipher.encrypt('01712345678');
    expect(sealed).not.toContain('01712345678');
    expect(Buffer.from(sealed.split(':')[2] ?? '', 'base64url').toString('latin1')).not.toContain('01712345678');
  });

  it('uses a different IV every time, so equal values do not look equal', () => {
    const sealed = Array.from({ length: 200 }, () => cipher.encrypt('01712345678'));
    expect(new Set(sealed).size).toBe(200);
    expect(new Set(sealed.map((s) => s.split(':')[1])).size).toBe(200);
  });

  it('decrypts with a second cipher made from the same key bytes', () => {
    expect(createFieldCipher(Buffer.from(KEY)).decrypt(cipher.encrypt('ভাতা'))).toBe('ভাতা');
  });

  it('fails with a clear error under a wrong key', () => {
    const sealed = cipher.encrypt('01712345678');
    expect(() => createFieldCipher(OTHER_KEY).decrypt(sealed)).toThrow(/wrong key .* or the value was altered/);
  });

  it('fails when the ciphertext, the tag or the IV is changed', () => {
    const sealed = cipher.encrypt('01712345678');
    const [v, iv = '', body = ''] = sealed.split(':');
    const tampered = [
      `${v}:${iv}:${flip(body, 0)}`, // first ciphertext byte
      `${v}:${iv}:${flip(body, body.length - 2)}`, // inside the tag
      `${v}:${flip(iv, 0)}:${body}`,
    ];
    for (const t of tampered) expect(() => cipher.decrypt(t), t).toThrow(/wrong key .* or the value was altered/);
  });

  it('detects a tampered ciphertext byte-for-byte', () => {
    const sealed = cipher.encrypt('রহিমা বেগম');
    const [v, iv = '', bodyText = ''] = sealed.split(':');
    const body = Buffer.from(bodyText, 'base64url');
    for (let i = 0; i < body.length; i++) {
      const copy = Buffer.from(body);
      copy[i] = (copy[i] ?? 0) ^ 0x01;
      expect(() => cipher.decrypt(`${v}:${iv}:${copy.toString('base64url')}`)).toThrow(/altered/);
    }
  });

  it.each([
    ['', /not a sealed value/],
    ['01712345678', /not a sealed value/],
    ['v2:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA', /not a sealed value/],
    ['v1:AAAA:AAAA:AAAA', /not a sealed value/],
    ['v1:AAAAAAAAAAAAAAAA', /not a sealed value/],
    ['v1:AAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA', /truncated/],
    ['v1:AAAAAAAAAAAAAAAA:AAAA', /truncated/],
    ['v1:AAAAAAAA AAAAAAA:AAAAAAAAAAAAAAAAAAAAAA', /not base64url/],
    ['v1:AAAAAAAAAAAAAAAA:AAAA+AAAAAAAAAAAAAAAAA', /not base64url/],
  ])('refuses %j', (sealed, message) => {
    expect(() => cipher.decrypt(sealed)).toThrow(message);
  });

  it.each([0, 16, 31, 33, 64])('refuses a %i-byte key', (n) => {
    expect(() => createFieldCipher(Buffer.alloc(n))).toThrow(/32 bytes/);
  });

  it('is not affected when the caller later changes its key buffer', () => {
    const key = Buffer.from(KEY);
    const c = createFieldCipher(key);
    const sealed = c.encrypt('01712345678');
    key.fill(0);
    expect(c.decrypt(sealed)).toBe('01712345678');
  });
});

describe('KeyTextSchema', () => {
  const raw = randomBytes(32);
  it.each([
    ['hex', raw.toString('hex')],
    ['upper-case hex', raw.toString('hex').toUpperCase()],
    ['base64', raw.toString('base64')],
    ['base64 without padding', raw.toString('base64').replace(/=+$/, '')],
    ['base64url', raw.toString('base64url')],
    ['base64 with spaces and a newline around it', `  ${raw.toString('base64')}\n`],
  ])('reads %s', (_name, text) => {
    expect(KeyTextSchema.parse(text).equals(raw)).toBe(true);
  });
});

describe('loadOrCreateKey', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'setu-key-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the key file once, with mode 0600, and reuses it on later starts', () => {
    const file = join(dir, 'data', 'setu.key');
    const first = loadOrCreateKey({ file });
    expect(first.length).toBe(32);
    expect(existsSync(file)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = readFileSync(file, 'utf8');

    const second = loadOrCreateKey({ file });
    expect(second.equals(first)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(written);
    // The temporary file used to create it is gone.
    expect(readdirSync(join(dir, 'data'))).toEqual(['setu.key']);
  });

  it('makes a different key in a different place', () => {
    const a = loadOrCreateKey({ file: join(dir, 'a.key') });
    const b = loadOrCreateKey({ file: join(dir, 'b.key') });
    expect(a.equals(b)).toBe(false);
  });

  it('keeps values readable across restarts', () => {
    const file = join(dir, 'setu.key');
    const sealed = createFieldCipher(loadOrCreateKey({ file })).encrypt('01712345678');
    expect(createFieldCipher(loadOrCreateKey({ file })).decrypt(sealed)).toBe('01712345678');
  });

  it('uses the environment key when given and then never touches the file', () => {
    const file = join(dir, 'setu.key');
    const raw = randomBytes(32);
    expect(loadOrCreateKey({ envValue: raw.toString('base64'), file }).equals(raw)).toBe(true);
    expect(loadOrCreateKey({ envValue: raw.toString('hex'), file }).equals(raw)).toBe(true);
    expect(existsSync(file)).toBe(false);
  });

  it('prefers the environment over an existing key file', () => {
    const file = join(dir, 'setu.key');
    const fromFile = loadOrCreateKey({ file });
    const raw = randomBytes(32);
    const chosen = loadOrCreateKey({ envValue: raw.toString('base64'), file });
    expect(chosen.equals(raw)).toBe(true);
    expect(chosen.equals(fromFile)).toBe(false);
  });

  it.each([
    ['', /SETU_DATA_KEY is set but empty/],
    ['   ', /SETU_DATA_KEY is set but empty/],
    ['secret', /SETU_DATA_KEY must be 32 bytes, but this base64 holds 4/],
    [randomBytes(16).toString('base64'), /SETU_DATA_KEY must be 32 bytes, but this base64 holds 16/],
    [randomBytes(31).toString('hex'), /SETU_DATA_KEY must be 32 bytes/],
    [randomBytes(33).toString('base64'), /holds 33/],
    ['not a key!', /SETU_DATA_KEY must be 32 bytes as base64 or 64 hex characters/],
    ['zz'.repeat(32), /SETU_DATA_KEY must be 32 bytes/],
  ])('refuses SETU_DATA_KEY=%j with a clear message', (envValue, message) => {
    const file = join(dir, 'setu.key');
    expect(() => loadOrCreateKey({ envValue, file })).toThrow(message);
    expect(existsSync(file)).toBe(false);
  });

  it('never puts the bad key itself in the message', () => {
    const secretish = randomBytes(20).toString('base64');
    expect(() => loadOrCreateKey({ envValue: secretish, file: join(dir, 'k') })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secretish) }),
    );
  });

  it('refuses a damaged key file instead of replacing it', () => {
    const file = join(dir, 'setu.key');
    writeFileSync(file, 'garbage\n');
    expect(() => loadOrCreateKey({ file })).toThrow(new RegExp(`key file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} must be 32 bytes`));
    expect(readFileSync(file, 'utf8')).toBe('garbage\n');
  });

  it('refuses an empty key file with advice instead of making a new key', () => {
    const file = join(dir, 'setu.key');
    writeFileSync(file, '');
    expect(() => loadOrCreateKey({ file })).toThrow(/is empty; restore it from a backup/);
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('reads a key file written by hand in hex', () => {
    const file = join(dir, 'setu.key');
    const raw = randomBytes(32);
    writeFileSync(file, raw.toString('hex'));
    expect(loadOrCreateKey({ file }).equals(raw)).toBe(true);
  });
});
