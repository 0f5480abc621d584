import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app/createApp.ts';
import { loadEnv } from '../../src/config/env.ts';
import type { InboundBody } from '../../src/engine/types.ts';
import type { RenderedMessage } from '../../src/infra/i18n/createTranslator.ts';
import type { Sender, SendResult } from '../../src/infra/delivery/sender.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { FixedClock } from './engineHarness.ts';

/** A channel that records what it was asked to deliver; its answers can be scripted. */
export class RecordingSender implements Sender {
  readonly delivered: Array<{ externalId: string; message: RenderedMessage }> = [];
  readonly script: SendResult[] = [];
  async send(out: { externalId: string; message: RenderedMessage }): Promise<SendResult> {
    const next = this.script.shift() ?? { status: 'sent' };
    if (next.status === 'sent') this.delivered.push(out);
    return next;
  }
}

export function tempSqliteUrl(): { url: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'setu-test-'));
  return { url: `file:${join(dir, 'setu.db')}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fixed key for tests on PostgreSQL, where Setu will not invent one. */
export const TEST_DATA_KEY = 'a'.repeat(64);

export async function startTestApp(
  url: string,
  sender: Sender,
  clock = new FixedClock(),
  extraEnv: Record<string, string> = {},
): Promise<App & { clock: FixedClock }> {
  const env = loadEnv({ DATABASE_URL: url, OUTBOX_POLL_MS: '50', SETU_DATA_KEY: TEST_DATA_KEY, ...extraEnv });
  const app = await createApp({ env, log: createLogger('silent'), senders: new Map([['test', sender]]), clock });
  return Object.assign(app, { clock });
}

let seq = 0;
/** Sends one message as the user would and waits until its replies were delivered. */
export async function say(app: App & { clock: FixedClock }, userId: string, body: InboundBody | string, messageId?: string) {
  seq += 1;
  const b: InboundBody = typeof body === 'string' ? { type: 'text', text: body } : body;
  const record = await app.pipeline.handle({ channel: 'test', userId, messageId: messageId ?? `msg-${seq}`, body: b, receivedAt: app.clock.now() });
  await app.worker.drain();
  app.clock.advance(5_000);
  return record;
}
