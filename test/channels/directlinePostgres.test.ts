import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestDatabase } from '../db/targets.ts';
import { DirectLineClient, startSetu, type DlActivity } from '../support/directLine.ts';

/**
 * Two Setu processes on one PostgreSQL database (scale-out): a token made by
 * one opens the conversation on the other, a stream on one gets what the
 * other stored, and messages sent to both at once keep one order for all.
 */
describe('Direct Line on PostgreSQL, two processes', () => {
  it('serves one conversation from both, with the same activities by polling and by stream', async () => {
    const db = await createTestDatabase('postgresql');
    const dataDir = mkdtempSync(join(tmpdir(), 'setu-dl-pg-'));
    const one = await startSetu(db.url, dataDir);
    const two = await startSetu(db.url, dataDir);
    const sockets: WebSocket[] = [];
    try {
      const dl = await DirectLineClient.generate(one.url);
      const started = await dl.start();
      const welcome = await dl.replies();
      expect(welcome[0]?.text).toMatch(/সেতুতে স্বাগতম/);

      // The stream is opened on the other process, from the start.
      const onTwo = started.body.streamUrl.replace(new URL(one.url).host, new URL(two.url).host);
      const ws = new WebSocket(onTwo);
      sockets.push(ws);
      const streamed: DlActivity[] = [];
      ws.on('message', (data: Buffer) => {
        const text = data.toString();
        if (text) streamed.push(...(JSON.parse(text) as { activities: DlActivity[] }).activities.filter((a) => a.type === 'message'));
      });
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });

      // Messages to both processes, some at once.
      const viaTwo = new DirectLineClient(two.url, dl.conversationId, dl.token);
      await dl.say('আমার মা কি বয়স্ক ভাতা পাবে?');
      await dl.replies();
      const sent = await Promise.all([viaTwo.say('৬৭'), dl.say('help'), viaTwo.say('মেনু')]);
      expect(sent.map((s) => s.status)).toEqual([200, 200, 200]);
      await dl.replies();

      const fromOne = await dl.poll('0');
      const fromTwo = await viaTwo.poll('0');
      expect(fromTwo.activities).toEqual(fromOne.activities);
      const ids = fromOne.activities.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      const numbers = ids.map((id) => Number(id.split('|')[1]));
      expect([...numbers].sort((x, y) => x - y)).toEqual(numbers);
      // Every echo of the messages sent at once, each answered.
      for (const s of sent) {
        expect(ids).toContain(s.id);
        expect(fromOne.activities.some((a) => a.replyToId === s.id)).toBe(true);
      }
      // What the first process delivered reached the stream on the second.
      await expect.poll(() => streamed.length, { timeout: 10_000 }).toBe(fromOne.activities.length);
      expect(streamed).toEqual(fromOne.activities);
    } finally {
      for (const ws of sockets) ws.close();
      await Promise.all([one.stop(), two.stop()]);
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
