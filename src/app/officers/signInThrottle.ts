import { createHash } from 'node:crypto';
import type { DbClient } from '../../infra/db/client.ts';

/**
 * Sign-in rate limits. An attempt is counted (reserved) BEFORE its password
 * is checked, with a compare-and-set on the row's version, so 40 guesses sent
 * at once are counted one by one — in this process or any other on the same
 * database — and only as many as the policy allows reach scrypt.
 *
 * Per username: a progressive delay, never a lock-out. The first
 * FREE_ATTEMPTS attempts go through at once; each one after that must wait
 * 5 s, 10 s, 20 s, 40 s, then 60 s after the one before. A stranger can slow
 * an officer down, but the right password works as soon as the current delay
 * has passed; a success clears the count. The count restarts after 15 quiet
 * minutes.
 *
 * Per client address: at most MAX_PER_CLIENT failed attempts in a 15-minute
 * window, then nothing until the window ends (a success gives its attempt back).
 */
export const FREE_ATTEMPTS = 5;
const FIRST_DELAY_MS = 5_000;
const MAX_DELAY_MS = 60_000;
const QUIET_RESET_MS = 15 * 60 * 1000;
export const MAX_PER_CLIENT = 20;
const CLIENT_WINDOW_MS = 15 * 60 * 1000;

/** How long the attempt after the `count`-th must wait. */
export function delayAfter(count: number): number {
  if (count < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (count - FREE_ATTEMPTS));
}

type ThrottleDb = Pick<DbClient, 'signInThrottle'>;

interface Rule {
  /** Whether a row's counting is over and starts again from this attempt. */
  restarts(row: { since: Date; lastAt: Date }, now: Date): boolean;
  /** When the next attempt may go, once this one made the count `count`. */
  next(count: number, since: Date, now: Date): Date;
  /** Whether an attempt now is refused (until the row's notBefore). */
  refuses(row: { count: number; notBefore: Date }, now: Date): boolean;
}

const perUser: Rule = {
  restarts: (row, now) => row.lastAt.getTime() <= now.getTime() - QUIET_RESET_MS,
  next: (count, _since, now) => new Date(now.getTime() + delayAfter(count)),
  refuses: (row, now) => row.notBefore > now,
};

const perClient: Rule = {
  restarts: (row, now) => row.since.getTime() <= now.getTime() - CLIENT_WINDOW_MS,
  next: (count, since, now) => (count >= MAX_PER_CLIENT ? new Date(since.getTime() + CLIENT_WINDOW_MS) : now),
  refuses: (row, now) => row.count >= MAX_PER_CLIENT && row.notBefore > now,
};

/** The username is hashed: a password typed into the username field is never stored as typed. */
export const userKey = (username: string): string => `user:${createHash('sha256').update(username).digest('hex')}`;
export const clientKey = (address: string): string => `client:${address.slice(0, 100)}`;

/** Refused by the username's delay, or by the client address's limit, until `retryAt`. */
export type Reservation = { ok: true } | { ok: false; retryAt: Date; by: 'user' | 'client' };

const isUniqueViolation = (e: unknown): boolean => typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === 'P2002';

async function reserve(db: ThrottleDb, key: string, rule: Rule, now: Date): Promise<{ ok: true } | { ok: false; retryAt: Date }> {
  // Each pass either wins its compare-and-set or sees another attempt's; a few passes settle any burst.
  for (let pass = 0; pass < 200; pass += 1) {
    const row = await db.signInThrottle.findUnique({ where: { key } });
    if (!row) {
      try {
        await db.signInThrottle.create({ data: { key, count: 1, since: now, lastAt: now, notBefore: rule.next(1, now, now) } });
        return { ok: true };
      } catch (e) {
        if (isUniqueViolation(e)) continue;
        throw e;
      }
    }
    const restart = rule.restarts(row, now);
    if (!restart && rule.refuses(row, now)) return { ok: false, retryAt: row.notBefore };
    const count = restart ? 1 : row.count + 1;
    const since = restart ? now : row.since;
    const won = await db.signInThrottle.updateMany({
      where: { key, version: row.version },
      data: { count, since, lastAt: now, notBefore: rule.next(count, since, now), version: { increment: 1 } },
    });
    if (won.count === 1) return { ok: true };
  }
  // Contention this long is itself an attack; refuse rather than spin.
  return { ok: false, retryAt: new Date(now.getTime() + FIRST_DELAY_MS) };
}

/** Gives an attempt back (the client's, when the password was right or the username's own limit refused it). */
async function release(db: ThrottleDb, key: string): Promise<void> {
  await db.signInThrottle.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 }, version: { increment: 1 } } });
}

/**
 * Counts one attempt for the client and the username, or says until when
 * neither may try. The caller checks the password only after `ok`.
 */
export async function reserveAttempt(db: ThrottleDb, input: { username: string; client: string }, now: Date): Promise<Reservation> {
  const client = clientKey(input.client);
  const byClient = await reserve(db, client, perClient, now);
  if (!byClient.ok) return { ...byClient, by: 'client' };
  const byUser = await reserve(db, userKey(input.username), perUser, now);
  if (byUser.ok) return byUser;
  await release(db, client);
  return { ...byUser, by: 'user' };
}

/** After the right password: the username starts afresh and the client's attempt is given back. */
export async function attemptSucceeded(db: ThrottleDb, input: { username: string; client: string }): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: userKey(input.username) } });
  await release(db, clientKey(input.client));
}

/** Rows nobody has touched for a day no longer matter. */
export async function forgetOldAttempts(db: ThrottleDb, now: Date): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { lastAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) }, notBefore: { lt: now } } });
}
