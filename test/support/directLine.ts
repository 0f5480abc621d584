import { loadEnv } from '../../src/config/env.ts';
import type { Clock } from '../../src/engine/types.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { TEST_DATA_KEY } from './appHarness.ts';

/** An Activity as Setu's Direct Line serves it (what the tests read of it). */
export interface DlActivity {
  id: string;
  type: string;
  timestamp: string;
  channelId: string;
  conversation: { id: string };
  from: { id: string; name?: string; role: 'user' | 'bot' };
  text?: string;
  locale?: string;
  replyToId?: string;
  suggestedActions?: { actions: Array<{ type: string; title: string; value: unknown }> };
  attachments?: Array<{ contentType: string; name?: string }>;
  channelData?: { clientActivityID?: string };
}

export interface DlConversation {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl: string;
}

/** Setu on a real HTTP server, generous limits (the tests poll fast), its own data folder. */
export async function startSetu(databaseUrl: string, dataDir: string, options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<Running> {
  const env = loadEnv({
    DATABASE_URL: databaseUrl,
    PORT: '0',
    OUTBOX_POLL_MS: '20',
    SETU_DATA_KEY: TEST_DATA_KEY,
    SETU_DATA_DIR: dataDir,
    WEB_POLL_PER_MINUTE: '100000',
    WEB_RATE_BURST: '10000',
    DIRECTLINE_TOKENS_BURST: '10000',
    ...options.env,
  });
  return start(env, createLogger('silent'), options.clock ? { clock: options.clock } : {});
}

/**
 * A Direct Line client as Web Chat is one, on plain fetch: a token from
 * tokens/generate, the conversation started with it, messages posted, and
 * activities read by watermark.
 */
export class DirectLineClient {
  watermark = '';
  readonly seen: DlActivity[] = [];
  private sent = 0;

  constructor(
    public base: string,
    public conversationId: string,
    public token: string,
  ) {}

  static async generate(base: string): Promise<DirectLineClient> {
    const res = await fetch(`${base}/v3/directline/tokens/generate`, { method: 'POST' });
    if (res.status !== 200) throw new Error(`tokens/generate: ${res.status}`);
    const body = (await res.json()) as { conversationId: string; token: string; expires_in: number };
    return new DirectLineClient(base, body.conversationId, body.token);
  }

  get auth(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  url(path = ''): string {
    return `${this.base}/v3/directline/conversations/${this.conversationId}${path}`;
  }

  async start(locale = 'bn-BD'): Promise<{ status: number; body: DlConversation }> {
    const res = await fetch(`${this.base}/v3/directline/conversations`, {
      method: 'POST',
      headers: { ...this.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ user: { id: 'dl_user' }, locale }),
    });
    return { status: res.status, body: (await res.json()) as DlConversation };
  }

  /** Posts a message as Web Chat does (its own clientActivityID); resolves with the status and the echo's id. */
  async say(text: string, extra: Record<string, unknown> = {}): Promise<{ status: number; id?: string }> {
    this.sent += 1;
    const res = await fetch(this.url('/activities'), {
      method: 'POST',
      headers: { ...this.auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text,
        from: { id: 'dl_user', role: 'user' },
        locale: 'bn-BD',
        channelData: { clientActivityID: `c${Date.now()}-${this.sent}` },
        ...extra,
      }),
    });
    const body = (await res.json()) as { id?: string };
    return { status: res.status, ...(body.id ? { id: body.id } : {}) };
  }

  /** Presses the button with this value under Setu's last message (an imBack: its value is posted as the text). */
  async press(value: string): Promise<{ status: number; id?: string }> {
    const last = [...this.seen].reverse().find((a) => a.from.role === 'bot' && a.suggestedActions);
    const action = last?.suggestedActions?.actions.find((a) => a.value === value);
    if (!action) throw new Error(`no button ${value} under Setu's last message: ${JSON.stringify(last?.suggestedActions)}`);
    return this.say(String(action.value));
  }

  async poll(watermark = this.watermark): Promise<{ status: number; activities: DlActivity[]; watermark: string }> {
    const res = await fetch(this.url(`/activities?watermark=${watermark}`), { headers: this.auth });
    if (res.status !== 200) return { status: res.status, activities: [], watermark };
    const body = (await res.json()) as { activities: DlActivity[]; watermark: string };
    return { status: res.status, ...body };
  }

  /**
   * Polls from the watermark until Setu has answered (a bot message came and
   * then nothing more for a moment); keeps the watermark and what was seen.
   */
  async replies(ms = 15_000): Promise<DlActivity[]> {
    const got: DlActivity[] = [];
    let quiet = 0;
    for (const end = Date.now() + ms; Date.now() < end; ) {
      const page = await this.poll();
      if (page.status !== 200) throw new Error(`poll: ${page.status}`);
      this.watermark = page.watermark;
      got.push(...page.activities);
      this.seen.push(...page.activities);
      quiet = page.activities.length === 0 && got.some((a) => a.from.role === 'bot') ? quiet + 1 : 0;
      if (quiet >= 5) return got;
      await new Promise((r) => setTimeout(r, 30));
    }
    throw new Error(`no answer from Setu within ${ms} ms; got ${JSON.stringify(got.map((a) => a.text))}`);
  }

  /** Setu's texts among these activities. */
  static botTexts(activities: readonly DlActivity[]): string[] {
    return activities.filter((a) => a.from.role === 'bot').map((a) => a.text ?? '');
  }
}
