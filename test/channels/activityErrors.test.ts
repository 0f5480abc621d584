import { HttpError } from '@microsoft/agents-hosting';
import { describe, expect, it } from 'vitest';
import { classifyConnectorError } from '../../src/channels/activity/sender.ts';

/** What the Bot Connector's answers mean for an outbox message. */

const answer = (status: number, headers: Record<string, string> = {}) => {
  const config = { method: 'post', url: 'v3/conversations/c/activities' };
  return new HttpError(`Request failed with status ${status}`, { data: { error: { code: 'X', message: 'y' } }, status, statusText: '', headers: new Headers(headers), config }, config);
};

describe('classifyConnectorError', () => {
  const now = Date.parse('2026-12-01T06:00:00Z');
  it('retries throttling after its Retry-After (seconds or a date), and the service\'s own trouble', () => {
    expect(classifyConnectorError(answer(429, { 'retry-after': '7' }), now)).toMatchObject({ status: 'retry', retryAfterMs: 7000 });
    expect(classifyConnectorError(answer(429, { 'retry-after': new Date(now + 60_000).toUTCString() }), now)).toMatchObject({ status: 'retry', retryAfterMs: 60_000 });
    expect(classifyConnectorError(answer(429), now)).toEqual({ status: 'retry', error: expect.stringMatching(/^connector 429/) });
    for (const s of [500, 502, 503, 504, 408]) expect(classifyConnectorError(answer(s), now).status).toBe('retry');
  });

  it('fails for good when the conversation is gone (unreachable) or the message is refused', () => {
    for (const s of [403, 404, 410]) expect(classifyConnectorError(answer(s), now)).toMatchObject({ status: 'failed', unreachable: true });
    expect(classifyConnectorError(answer(400), now)).toEqual({ status: 'failed', error: expect.stringMatching(/^connector 400/) });
  });

  it('waits long on a refused token (configuration), and retries what is not an answer at all', () => {
    expect(classifyConnectorError(answer(401), now)).toMatchObject({ status: 'retry', retryAfterMs: 600_000 });
    expect(classifyConnectorError(new TypeError('fetch failed'), now)).toEqual({ status: 'retry', error: 'connector unreachable: fetch failed' });
  });
});
