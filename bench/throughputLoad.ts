/**
 * The load of `npm run bench:webhook`, run in a worker thread (through
 * bench/throughputBoot.mjs) so that making calls never shares an event loop
 * with the stand-ins that time the replies. N chats, closed loop: each posts
 * its next message as soon as the previous one was acknowledged (200), for a
 * warm-up and then the measured window. Each call goes to the next target in
 * turn, whichever chat makes it, as a load balancer in front of several
 * processes would send it.
 */
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

export type LoadChannel = 'telegram' | 'messenger' | 'directline';

export interface LoadJob {
  channel: LoadChannel;
  /** Base URLs (http://127.0.0.1:port) of the processes. */
  targets: string[];
  chats: number;
  warmupMs: number;
  windowMs: number;
  /** What a person types: OPENING, then CYCLE over and over. */
  opening: readonly string[];
  cycle: readonly string[];
  telegramSecret: string;
  appSecret: string;
  pageId: string;
  /** Unique to the row, in Messenger mids and Direct Line client ids. */
  tag: string;
}

/** One message of one chat. Times are absolute (timeOrigin + now, in ms) so that other threads can compare them. */
export interface Sent {
  chat: number;
  step: number;
  /** Telegram update_id, Messenger mid, or the Direct Line echo's activity id (known at the ack). */
  key: string;
  t0: number;
  /** -1: never acknowledged. */
  ackAt: number;
  attempts: number;
}

export interface DlConversation {
  chat: number;
  conversationId: string;
  streamUrl: string;
}

export type FromLoad =
  | { type: 'ready'; conversations: DlConversation[] }
  | { type: 'done'; sent: Sent[]; windowStart: number; windowEnd: number; refusals: Record<string, number>; busy: number }
  | { type: 'failed'; message: string };

/** Telegram chat ids and Messenger PSIDs of the bench's chats (PSIDs are digit strings: Setu answers 400 to others). */
export const telegramChatId = (chat: number): string => String(5_000_001 + chat);
export const messengerPsid = (chat: number): string => String(7_100_000_000_000_000 + chat);

/** A call not acknowledged within this long is given up (Setu would be stuck). */
const GIVE_UP_MS = 30_000;
const RETRY_MS = 100;

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Reply {
  status: number;
  body: string;
}

function post(agent: Agent, url: string, headers: Record<string, string>, body: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, timeout: GIVE_UP_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

async function run(job: LoadJob, port: NonNullable<typeof parentPort>): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.chats });
  const lineAt = (step: number): string => (step < job.opening.length ? (job.opening[step] as string) : (job.cycle[(step - job.opening.length) % job.cycle.length] as string));
  let next = 0;
  const target = (): string => job.targets[next++ % job.targets.length] as string;

  // Direct Line: every chat gets its conversation (and Setu's welcome) before the clock starts.
  const conversations: Array<{ id: string; token: string }> = [];
  const shown: DlConversation[] = [];
  if (job.channel === 'directline') {
    const base = job.targets[0] as string;
    for (let chat = 0; chat < job.chats; chat += 1) {
      const made = await post(agent, `${base}/v3/directline/tokens/generate`, {}, '');
      if (made.status !== 200) throw new Error(`tokens/generate answered ${made.status}: ${made.body}`);
      const { conversationId, token } = JSON.parse(made.body) as { conversationId: string; token: string };
      const started = await post(agent, `${base}/v3/directline/conversations`, { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, JSON.stringify({ user: { id: `dl_${chat}` }, locale: 'bn-BD' }));
      if (started.status !== 201 && started.status !== 200) throw new Error(`starting a conversation answered ${started.status}: ${started.body}`);
      conversations.push({ id: conversationId, token });
      shown.push({ chat, conversationId, streamUrl: (JSON.parse(started.body) as { streamUrl: string }).streamUrl });
    }
  }
  port.postMessage({ type: 'ready', conversations: shown } satisfies FromLoad);
  await new Promise<void>((resolve) => port.once('message', () => resolve()));

  let updateId = 1_000_000;
  const call = (chat: number, step: number, text: string): { path: string; headers: Record<string, string>; body: string; key: string } => {
    if (job.channel === 'telegram') {
      updateId += 1;
      const id = Number(telegramChatId(chat));
      const body = JSON.stringify({
        update_id: updateId,
        message: { message_id: step + 1, date: Math.floor(Date.now() / 1000), chat: { id, type: 'private', first_name: 'Bench' }, from: { id, is_bot: false, first_name: 'Bench', language_code: 'bn' }, text },
      });
      return { path: '/telegram/webhook', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': job.telegramSecret }, body, key: String(updateId) };
    }
    if (job.channel === 'messenger') {
      const psid = messengerPsid(chat);
      const mid = `m_bench.${job.tag}.${psid}.${step}`;
      const at = Date.now();
      const body = JSON.stringify({ object: 'page', entry: [{ id: job.pageId, time: at, messaging: [{ sender: { id: psid }, recipient: { id: job.pageId }, timestamp: at, message: { mid, text } }] }] });
      const signature = `sha256=${createHmac('sha256', job.appSecret).update(body).digest('hex')}`;
      return { path: '/messenger/webhook', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body, key: mid };
    }
    const c = conversations[chat] as { id: string; token: string };
    const body = JSON.stringify({ type: 'message', text, from: { id: `dl_${chat}`, role: 'user' }, locale: 'bn-BD', channelData: { clientActivityID: `${job.tag}-${chat}-${step}` } });
    return { path: `/v3/directline/conversations/${c.id}/activities`, headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' }, body, key: '' };
  };

  const sent: Sent[] = [];
  const refusals: Record<string, number> = {};
  const refused = (why: string): void => void (refusals[why] = (refusals[why] ?? 0) + 1);
  const start = now();
  const windowStart = start + job.warmupMs;
  const windowEnd = windowStart + job.windowMs;

  // How busy this thread's event loop was over the window: near 1, the load itself would be what limits the row.
  let busy = Number.NaN;
  let atStart: EventLoopUtilization | null = null;
  setTimeout(() => (atStart = performance.eventLoopUtilization()), job.warmupMs);
  setTimeout(() => (busy = atStart ? performance.eventLoopUtilization(performance.eventLoopUtilization(), atStart).utilization : Number.NaN), job.warmupMs + job.windowMs);

  const chatLoop = async (chat: number): Promise<void> => {
    for (let step = 0; now() < windowEnd; step += 1) {
      const c = call(chat, step, lineAt(step));
      const s: Sent = { chat, step, key: c.key, t0: now(), ackAt: -1, attempts: 0 };
      sent.push(s);
      while (s.ackAt < 0 && now() - s.t0 < GIVE_UP_MS) {
        s.attempts += 1;
        try {
          const reply = await post(agent, `${target()}${c.path}`, c.headers, c.body);
          if (reply.status === 200) {
            s.ackAt = now();
            if (job.channel === 'directline') s.key = (JSON.parse(reply.body) as { id: string }).id;
            break;
          }
          refused(`HTTP ${reply.status}`);
        } catch (err) {
          refused(err instanceof Error ? (('code' in err && typeof err.code === 'string' ? err.code : '') || err.message) : String(err));
        }
        await sleep(RETRY_MS);
      }
      // A call given up leaves the chat's script out of step with Setu's; stop that chat rather than measure nonsense.
      if (s.ackAt < 0) return;
    }
  };
  await Promise.all(Array.from({ length: job.chats }, (_, chat) => chatLoop(chat)));
  agent.destroy();
  port.postMessage({ type: 'done', sent, windowStart, windowEnd, refusals, busy } satisfies FromLoad);
}

const port = parentPort;
if (port && workerData && typeof workerData === 'object' && 'channel' in workerData) {
  run(workerData as LoadJob, port).catch((err: unknown) => port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies FromLoad));
}
