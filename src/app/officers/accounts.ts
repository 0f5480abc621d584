import { createHash, createHmac, randomBytes } from 'node:crypto';
import { sameText } from '../../infra/crypto/sameText.ts';
import { z } from 'zod';
import { checkArea, OFFICER_ROLES, type Jurisdiction, type OfficerRole } from '../../domain/officers/jurisdiction.ts';
import type { Clock } from '../../engine/types.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { WriteLock } from '../../infra/db/writeLock.ts';
import { audit } from './audit.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.ts';

export interface OfficerDeps {
  db: DbClient;
  writes: WriteLock;
  clock: Clock;
}

export interface SignedInOfficer extends Jurisdiction {
  id: string;
  name: string;
  username: string;
  language: 'bn' | 'en';
}

/** A signed-in browser stays so for 12 hours at most. */
const SESSION_MS = 12 * 60 * 60 * 1000;
/** A sign-in link works for 3 days, once. */
const SIGNIN_LINK_MS = 3 * 24 * 60 * 60 * 1000;
/** Failed sign-ins counted over this window… */
const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** …at most this many for one username, and for one client address. */
const MAX_FAILURES_PER_USER = 5;
const MAX_FAILURES_PER_CLIENT = 20;

const newToken = (): string => randomBytes(32).toString('base64url');
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export const NewOfficerSchema = z.object({
  name: z.string().trim().min(2).max(100),
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,32}$/, 'a username is 3–32 of a–z 0–9 . _ -'),
  role: z.enum(OFFICER_ROLES),
  areaCode: z.string().trim().min(2),
  language: z.enum(['bn', 'en']).default('bn'),
});
export type NewOfficer = z.input<typeof NewOfficerSchema>;

export type AddResult = { ok: true; officerId: string; signInToken: string } | { ok: false; problem: string };

/** An admin creates an officer; the officer sets a password through the one-time link. */
export async function addOfficer(deps: OfficerDeps, input: NewOfficer, actor: string): Promise<AddResult> {
  const parsed = NewOfficerSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const o = parsed.data;
  const areaProblem = checkArea(o.role, o.areaCode);
  if (areaProblem) return { ok: false, problem: areaProblem };
  const now = deps.clock.now();
  const id = `off_${randomBytes(8).toString('hex')}`;
  const token = newToken();
  return deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      if (await tx.officer.findUnique({ where: { username: o.username } })) return { ok: false, problem: `the username ${o.username} is taken` } as const;
      await tx.officer.create({ data: { id, name: o.name, username: o.username, role: o.role, areaCode: o.areaCode, language: o.language, createdAt: now } });
      await tx.officerToken.create({ data: { tokenHash: tokenHash(token), officerId: id, purpose: 'signin', expiresAt: new Date(now.getTime() + SIGNIN_LINK_MS), createdAt: now } });
      await audit(tx, { at: now, actor, action: 'officer.add', detail: { officer: id, role: o.role, area: o.areaCode } });
      return { ok: true, officerId: id, signInToken: token } as const;
    }),
  );
}

/** A new one-time sign-in link (first sign-in, or a forgotten password). */
export async function issueSignInLink(deps: OfficerDeps, officerId: string, actor: string): Promise<string> {
  const now = deps.clock.now();
  const token = newToken();
  await deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      await tx.officerToken.create({ data: { tokenHash: tokenHash(token), officerId, purpose: 'signin', expiresAt: new Date(now.getTime() + SIGNIN_LINK_MS), createdAt: now } });
      await audit(tx, { at: now, actor, action: 'officer.link', detail: { officer: officerId } });
    }),
  );
  return token;
}

/** Whether a sign-in link is still good (unused, not expired), and whose it is. */
export async function signInLinkOwner(deps: OfficerDeps, token: string): Promise<{ officerId: string; name: string } | null> {
  const row = await deps.db.officerToken.findUnique({ where: { tokenHash: tokenHash(token) } });
  if (!row || row.purpose !== 'signin' || row.usedAt || row.expiresAt <= deps.clock.now()) return null;
  const officer = await deps.db.officer.findUnique({ where: { id: row.officerId } });
  return officer && !officer.disabledAt ? { officerId: officer.id, name: officer.name } : null;
}

export type SetPasswordResult = { ok: true; officerId: string } | { ok: false; problem: 'link' | 'short' | 'mismatch' };

/** Sets the password through a one-time link; the link is spent and every older session ends. */
export async function setPasswordWithLink(deps: OfficerDeps, token: string, password: string, again: string): Promise<SetPasswordResult> {
  if (password !== again) return { ok: false, problem: 'mismatch' };
  if ([...password].length < MIN_PASSWORD_LENGTH) return { ok: false, problem: 'short' };
  const owner = await signInLinkOwner(deps, token);
  if (!owner) return { ok: false, problem: 'link' };
  const hash = await hashPassword(password);
  const now = deps.clock.now();
  return deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      const spent = await tx.officerToken.updateMany({ where: { tokenHash: tokenHash(token), usedAt: null }, data: { usedAt: now } });
      if (spent.count === 0) return { ok: false, problem: 'link' } as const;
      await tx.officer.update({ where: { id: owner.officerId }, data: { passwordHash: hash, sessionEpoch: { increment: 1 } } });
      await tx.officerSession.deleteMany({ where: { officerId: owner.officerId } });
      await audit(tx, { at: now, actor: owner.officerId, action: 'password.set' });
      return { ok: true, officerId: owner.officerId } as const;
    }),
  );
}

export type SignInResult = { ok: true; sessionToken: string } | { ok: false; problem: 'wrong' | 'throttled' };

// Compared against when the username is unknown, so that a wrong username takes as long as a wrong password.
let decoyHash: Promise<string> | null = null;

/**
 * Username and password in, a session token out. Five failures for one
 * username, or twenty from one address, within 15 minutes block further tries
 * until the window passes.
 */
export async function signIn(deps: OfficerDeps, input: { username: string; password: string; client: string }): Promise<SignInResult> {
  const username = input.username.trim().toLowerCase();
  const now = deps.clock.now();
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const [userFailures, clientFailures] = await Promise.all([
    deps.db.signInFailure.count({ where: { key: `user:${username}`, at: { gt: since } } }),
    deps.db.signInFailure.count({ where: { key: `client:${input.client}`, at: { gt: since } } }),
  ]);
  if (userFailures >= MAX_FAILURES_PER_USER || clientFailures >= MAX_FAILURES_PER_CLIENT) return { ok: false, problem: 'throttled' };

  const officer = await deps.db.officer.findUnique({ where: { username } });
  decoyHash ??= hashPassword(newToken());
  const good = await verifyPassword(input.password, officer?.passwordHash ?? (await decoyHash));
  if (!officer || !officer.passwordHash || officer.disabledAt || !good) {
    await deps.writes.run(() =>
      deps.db.$transaction(async (tx) => {
        await tx.signInFailure.createMany({ data: [{ key: `user:${username}`, at: now }, { key: `client:${input.client}`, at: now }] });
        // Failures older than the window no longer count; they need not be kept.
        await tx.signInFailure.deleteMany({ where: { at: { lte: since } } });
        await audit(tx, { at: now, actor: officer?.id ?? 'unknown', action: 'signin.failed', detail: { username: officer ? null : username } });
      }),
    );
    return { ok: false, problem: 'wrong' };
  }
  const token = newToken();
  await deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      await tx.officerSession.create({
        data: { tokenHash: tokenHash(token), officerId: officer.id, epoch: officer.sessionEpoch, csrfSecret: newToken(), createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MS), lastSeenAt: now },
      });
      await tx.signInFailure.deleteMany({ where: { key: `user:${username}` } });
      await audit(tx, { at: now, actor: officer.id, action: 'signin' });
    }),
  );
  return { ok: true, sessionToken: token };
}

export interface Session {
  officer: SignedInOfficer;
  /** The token every form of this session carries. */
  csrfToken: string;
}

/** The officer behind a session cookie, or null when it is unknown, expired, signed out everywhere, or the officer is disabled. */
export async function sessionFor(deps: Pick<OfficerDeps, 'db' | 'clock'>, token: string | undefined): Promise<Session | null> {
  if (!token) return null;
  const row = await deps.db.officerSession.findUnique({ where: { tokenHash: tokenHash(token) } });
  if (!row || row.expiresAt <= deps.clock.now()) return null;
  const o = await deps.db.officer.findUnique({ where: { id: row.officerId } });
  if (!o || o.disabledAt || o.sessionEpoch !== row.epoch) return null;
  return {
    officer: { id: o.id, name: o.name, username: o.username, role: o.role as SignedInOfficer['role'], areaCode: o.areaCode, language: o.language === 'en' ? 'en' : 'bn' },
    csrfToken: createHmac('sha256', row.csrfSecret).update('csrf').digest('base64url'),
  };
}

/** Constant-time check of a form's CSRF token against the session's. */
export function csrfMatches(session: Session, given: string | undefined): boolean {
  return given !== undefined && given !== '' && sameText(given, session.csrfToken);
}

export async function signOut(deps: OfficerDeps, token: string, officerId: string): Promise<void> {
  await deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      await tx.officerSession.deleteMany({ where: { tokenHash: tokenHash(token) } });
      await audit(tx, { at: deps.clock.now(), actor: officerId, action: 'signout' });
    }),
  );
}

/** Ends every session of the officer, on every device. */
export async function signOutEverywhere(deps: OfficerDeps, officerId: string): Promise<void> {
  await deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      await tx.officer.update({ where: { id: officerId }, data: { sessionEpoch: { increment: 1 } } });
      await tx.officerSession.deleteMany({ where: { officerId } });
      await audit(tx, { at: deps.clock.now(), actor: officerId, action: 'signout.everywhere' });
    }),
  );
}

export function isRole(value: string): value is OfficerRole {
  return (OFFICER_ROLES as readonly string[]).includes(value);
}
