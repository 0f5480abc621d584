import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validSignature } from './webhook.ts';

const SECRET = 'app-secret-for-tests';
const BODY = Buffer.from(JSON.stringify({ object: 'page', entry: [{ id: '1', time: 1, messaging: [{ message: { mid: 'm.1', text: 'হ্যালো' } }] }] }), 'utf8');
const sign = (body: Buffer, secret: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('validSignature', () => {
  it('accepts Meta’s HMAC of the raw body', () => {
    expect(validSignature(BODY, sign(BODY, SECRET), SECRET)).toBe(true);
  });

  it('rejects a signature made with another secret', () => {
    expect(validSignature(BODY, sign(BODY, 'another-secret'), SECRET)).toBe(false);
  });

  it('rejects a body changed by one byte', () => {
    const changed = Buffer.from(BODY);
    changed[changed.length - 2] = (changed[changed.length - 2] ?? 0) ^ 1;
    expect(validSignature(changed, sign(BODY, SECRET), SECRET)).toBe(false);
  });

  it('rejects a signature without the sha256= prefix', () => {
    expect(validSignature(BODY, sign(BODY, SECRET).slice('sha256='.length), SECRET)).toBe(false);
  });

  it('rejects hex of the wrong length without throwing', () => {
    const good = sign(BODY, SECRET);
    expect(validSignature(BODY, good.slice(0, -2), SECRET)).toBe(false);
    expect(validSignature(BODY, `${good}00`, SECRET)).toBe(false);
  });
});
