import { z } from 'zod';

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
});

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
