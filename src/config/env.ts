import { isIP } from 'node:net';
import { z } from 'zod';

/** An Entra application (client) id or directory (tenant) id: a GUID. */
const Guid = (name: string) => z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, `${name} is a GUID (00000000-0000-0000-0000-000000000000)`);

/** A comma-separated list of hosts (or origins); unset or blank is none. */
const HostList = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.split(',').map((h) => h.trim()).filter(Boolean)));

/**
 * Every setting Setu reads, validated once at start. With no environment at
 * all Setu runs embedded: SQLite under data/, the terminal and web chat.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `file:data/setu.db` (SQLite, the default) or `postgresql://…` (scale-out). */
  DATABASE_URL: z
    .string()
    .default('file:data/setu.db')
    .refine((u) => u.startsWith('file:') || u.startsWith('postgresql://') || u.startsWith('postgres://'), {
      message: 'DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)',
    }),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Minutes of silence after which a user in the middle of a flow is asked "continue or start over?". */
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  /** Fiscal year whose allowance amounts are quoted. */
  FISCAL_YEAR: z.string().regex(/^\d{4}-\d{2}$/, 'FISCAL_YEAR looks like 2025-26').default('2025-26'),
  /** How often the delivery worker looks for outbox rows to send, in milliseconds. */
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(200),
  /** Working days each tier has to act on a case, e.g. `union:30,upazila:30,district:20,hq:20` (any subset). */
  CASE_DEADLINE_DAYS: z.string().optional(),
  /** Extra non-working days (Dhaka dates), comma-separated: `2026-12-01,2026-12-02`. */
  HOLIDAYS: z
    .string()
    .regex(/^\s*(\d{4}-\d{2}-\d{2}\s*(,\s*\d{4}-\d{2}-\d{2}\s*)*)?$/, 'HOLIDAYS is a comma-separated list of YYYY-MM-DD dates')
    .optional(),
  /** How often overdue cases are looked for and escalated, in milliseconds. */
  ESCALATION_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  /**
   * Days after a case ends in enrolment or "money will arrive" (a report's person enrolled, a complaint of being
   * left out or of money not received resolved) until Setu first asks whether the allowance arrives in full;
   * then every quarter (91 days) for a year.
   */
  FOLLOW_UP_FIRST_DAYS: z.coerce.number().int().min(1, 'FOLLOW_UP_FIRST_DAYS is at least 1').max(365, 'FOLLOW_UP_FIRST_DAYS is at most 365').default(45),
  /**
   * Key for phone and NID numbers at rest: 32 bytes, base64 or hex. Without it,
   * embedded mode (SQLite) generates one into SETU_DATA_DIR/setu.key on first start;
   * PostgreSQL deployments must set it so every process shares it.
   */
  SETU_DATA_KEY: z.string().optional(),
  /**
   * Run as if this many days had passed (demos and training: watch a case
   * escalate without waiting a month; 0.5 is twelve hours). 0 in real use.
   */
  SETU_CLOCK_OFFSET_DAYS: z.coerce.number().min(0).max(3650).default(0),
  /** How often officers' alerts (new, urgent and soon-due cases) and the morning digest are looked for, in milliseconds. */
  OFFICER_ALERTS_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  /** Enables Telegram. Without it Setu runs without Telegram and says so at start. */
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]+$/, 'TELEGRAM_BOT_TOKEN looks like 123456:ABC-def…').optional(),
  /** When set, Telegram uses a webhook at ${PUBLIC_URL}/telegram/webhook; otherwise long polling. */
  PUBLIC_URL: z.string().url().optional(),
  /** Sent back by Telegram with every webhook call (1–256 of A–Z a–z 0–9 _ -). */
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'TELEGRAM_WEBHOOK_SECRET may hold only A–Z a–z 0–9 _ -').optional(),
  /** A self-hosted Bot API server, or a local stand-in in tests. */
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  /** Telegram's Bot FAQ: about 30 messages a second across all chats; with PostgreSQL the whole deployment keeps to it together. */
  TELEGRAM_SENDS_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(30),
  /** With FB_APP_SECRET and FB_VERIFY_TOKEN, enables Messenger: the Page's access token. */
  FB_PAGE_ACCESS_TOKEN: z.string().min(1).optional(),
  /** Signs every webhook call (X-Hub-Signature-256); from the app's Basic settings. */
  FB_APP_SECRET: z.string().min(1).optional(),
  /** Any string of ours, typed also into the app's webhook settings; Meta echoes it when subscribing. */
  FB_VERIFY_TOKEN: z.string().min(1).optional(),
  /** Meta's Graph API, or a local stand-in in tests. */
  FB_GRAPH_API_ROOT: z.string().url().default('https://graph.facebook.com'),
  /** v25.0 is available until 2028-07-29 (Graph API changelog). */
  FB_GRAPH_API_VERSION: z.string().regex(/^v\d+\.\d+$/, 'FB_GRAPH_API_VERSION looks like v25.0').default('v25.0'),
  /**
   * The Page has Meta's Human Agent permission (App Review): an officer's own reply may then
   * reach a Messenger user up to 7 days after their last message, under the HUMAN_AGENT tag.
   */
  FB_HUMAN_AGENT: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /**
   * Where Messenger attachment URLs may point, comma-separated: hosts (`lookaside.fbsbx.com`),
   * a domain's hosts (`*.fbcdn.net`), both https only, or a whole origin for a local stand-in
   * (`http://127.0.0.1:4010`). Meta's CDNs when unset; nothing else is ever fetched.
   */
  FB_ATTACHMENT_HOSTS: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.split(',').map((h) => h.trim()).filter(Boolean))),
  /**
   * Proxies whose X-Forwarded-For is believed for the client's address (sign-in limits): unset for
   * none (the socket's address), or a comma-separated list of `loopback` and IP addresses.
   */
  TRUSTED_PROXY: z
    .string()
    .optional()
    .refine((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.toLowerCase() === 'loopback' || isIP(s) !== 0), {
      message: 'TRUSTED_PROXY is a comma-separated list of loopback and IP addresses, e.g. loopback or 10.0.0.5,10.0.0.6',
    }),
  /**
   * Setu's own folder for the generated key (setu.key), created 0700; relative
   * to the project. The default SQLite database lives here too.
   */
  SETU_DATA_DIR: z.string().min(1).default('data'),
  /** Days the record of each inbound message (its platform id, for dropping re-deliveries) and quarantined updates are kept. */
  RETENTION_INBOUND_DAYS: z.coerce.number().int().min(1).default(30),
  /** Days a delivered, failed or released outbox message is kept after its last attempt (the web chat shows them until then). */
  RETENTION_OUTBOX_DAYS: z.coerce.number().int().min(1).default(30),
  /** Days after which an audit entry's detail is blanked; who did what to which case, and when, stay. */
  RETENTION_AUDIT_DETAIL_DAYS: z.coerce.number().int().min(1).default(365),
  /** Messages one contact may send at once, then CONTACT_RATE_PER_MINUTE a minute; beyond it one "slow down" and the rest dropped. */
  CONTACT_RATE_BURST: z.coerce.number().int().positive().default(15),
  CONTACT_RATE_PER_MINUTE: z.coerce.number().positive().default(20),
  /** Web chat messages from one client address: at once, then a minute. */
  WEB_RATE_BURST: z.coerce.number().int().positive().default(30),
  WEB_RATE_PER_MINUTE: z.coerce.number().positive().default(60),
  /** Page loads and reply polls from one client address a minute (half of it at once). */
  WEB_POLL_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /**
   * Direct Line conversations (POST /v3/directline/tokens/generate) one client address may start: at
   * once, then a minute. Generous: many people share one address behind a mobile operator's NAT.
   */
  DIRECTLINE_TOKENS_BURST: z.coerce.number().int().positive().default(30),
  DIRECTLINE_TOKENS_PER_MINUTE: z.coerce.number().positive().default(30),
  /** Megabytes one Direct Line upload (photos, voice notes) may carry, all its files together. */
  DIRECTLINE_UPLOAD_MB: z.coerce.number().int().min(1).max(25).default(10),
  /**
   * Sites that may show Setu's pages (`/webchat`, `/`) in a frame (CSP frame-ancestors), comma- or
   * space-separated: `self`, origins such as `https://dss.gov.bd`, `https://*.gov.bd`, or `none` alone.
   * Unset: `'self' https://*.gov.bd` (Setu itself and Bangladesh's government sites).
   */
  WEBCHAT_FRAME_ANCESTORS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return ["'self'", 'https://*.gov.bd'];
      const items = value
        .split(/[\s,]+/)
        .map((s) => s.replace(/^'(.*)'$/, '$1').replace(/\/$/, ''))
        .filter(Boolean);
      const origin = /^(https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?)$/;
      const out: string[] = [];
      for (const item of items) {
        const lower = item.toLowerCase();
        if (lower === 'self' || lower === 'none') out.push(`'${lower}'`);
        else if (origin.test(lower)) out.push(lower);
        else ctx.addIssue({ code: 'custom', message: `WEBCHAT_FRAME_ANCESTORS: ${item} is not self, none or an origin like https://dss.gov.bd or https://*.gov.bd` });
      }
      if (out.includes("'none'") && out.length > 1) ctx.addIssue({ code: 'custom', message: 'WEBCHAT_FRAME_ANCESTORS: none stands alone' });
      return out;
    }),
  /** Complaints and reports one contact may lodge in 24 hours. */
  CASES_PER_DAY: z.coerce.number().int().positive().default(5),
  /** Look-ups of tracking numbers not the contact's own, per contact, in 24 hours. */
  STATUS_LOOKUPS_PER_DAY: z.coerce.number().int().positive().default(5),
  /** A turn still running after this many milliseconds is given up and counted as a failed try of its message. */
  TURN_DEADLINE_MS: z.coerce.number().int().positive().default(30_000),
  /** On SIGTERM/SIGINT, how long in-flight turns may take to finish before Setu stops anyway, in milliseconds. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
  /**
   * With it (or OPENAI_BASE_URL) a language model reads the free text the rules are unsure of;
   * without both, the rules alone. Setu's own variable names are the OpenAI SDK's.
   */
  OPENAI_API_KEY: z.string().min(1).optional(),
  /** An OpenAI-compatible server instead of OpenAI (Azure OpenAI's …/openai/v1, Ollama's …/v1, vLLM); a local one may need no key. */
  OPENAI_BASE_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), { message: 'OPENAI_BASE_URL is an http(s) URL, e.g. http://127.0.0.1:11434/v1' })
    .optional(),
  /** The chat model; it must support structured output (a JSON schema, strict). */
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  /** Voice messages are transcribed only when this names a model (e.g. gpt-4o-mini-transcribe, whisper-1). */
  OPENAI_TRANSCRIBE_MODEL: z.string().min(1).optional(),
  /** A model answer later than this, in milliseconds, is given up and the rules answer alone. */
  OPENAI_TIMEOUT_MS: z.coerce.number().int().positive().default(4000),
  /** Model calls a Dhaka day, at most; beyond it the rules answer alone until midnight. */
  OPENAI_DAILY_CALLS: z.coerce.number().int().min(0).default(2000),
  /**
   * The Bot Framework Activity endpoint (POST /api/messages) with an Azure Bot: its app registration,
   * under the Microsoft 365 Agents SDK's own names (the older Bot Framework names MicrosoftAppId,
   * MicrosoftAppTenantId and MicrosoftAppPassword are read too). With clientId, tenantId and a secret
   * (or certPemFile and certKeyFile) every call must carry a valid Bot Framework / Entra token.
   */
  clientId: Guid('clientId').optional(),
  MicrosoftAppId: Guid('MicrosoftAppId').optional(),
  tenantId: Guid('tenantId').optional(),
  MicrosoftAppTenantId: Guid('MicrosoftAppTenantId').optional(),
  clientSecret: z.string().min(1).optional(),
  MicrosoftAppPassword: z.string().min(1).optional(),
  /** A certificate instead of a secret: the PEM certificate and its private key (files). */
  certPemFile: z.string().min(1).optional(),
  certKeyFile: z.string().min(1).optional(),
  /** Entra's sign-in root for another cloud (https://login.microsoftonline.us); http only for a local stand-in. */
  authorityEndpoint: z
    .string()
    .url()
    .refine((u) => /^https:\/\//i.test(u) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i.test(u), {
      message: 'authorityEndpoint is an https URL (http only on this machine, for a local stand-in)',
    })
    .optional(),
  /** The Activity endpoint without credentials, for trying it locally (Agents Playground, Bot Framework Emulator); refused in production. */
  ACTIVITY_ALLOW_ANONYMOUS: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /**
   * Hosts, besides Microsoft's (botframework.com, smba.trafficmanager.net, teams.microsoft.com …; this
   * machine without credentials), that an Activity's serviceUrl may name: replies are posted there.
   */
  ACTIVITY_SERVICE_HOSTS: HostList,
  /**
   * Where attachment URLs of Activities may point besides the conversation's own serviceUrl host, for the
   * officers' workspace (rules as for FB_ATTACHMENT_HOSTS). Nothing else is fetched.
   */
  ACTIVITY_ATTACHMENT_HOSTS: HostList,
});

/** The Messenger settings that must all be present to enable the channel. */
export const MESSENGER_REQUIRED = ['FB_PAGE_ACCESS_TOKEN', 'FB_APP_SECRET', 'FB_VERIFY_TOKEN'] as const;

export type Env = z.infer<typeof EnvSchema>;

/**
 * @example loadEnv({ DATABASE_URL: 'file:/tmp/x.db' }).DATABASE_URL
 * @throws with every problem named, so a bad deployment fails at start, not mid-conversation.
 */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Setu's configuration is invalid:\n${problems}`);
  }
  return parsed.data;
}
