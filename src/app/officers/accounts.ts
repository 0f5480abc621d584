import { createHash, createHmac, randomBytes } from 'node:crypto';
import { sameText } from '../../infra/crypto/sameText.ts';
import { z } from 'zod';
import { checkArea, OFFICER_ROLES, type Jurisdiction, type OfficerRole } from '../../domain/officers/jurisdiction.ts';
import type { Clock } from '../../engine/types.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { WriteLock } from '../../infra/db/writeLock.ts';
import { audit } from './audit.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { newPasswordProblem, type PasswordProblem } from './passwordPolicy.ts';
import { attemptSucceeded, forgetOldAttempts, reserveAttempt } from './signInThrottle.ts';

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
/** A sign-in link works for 3 days, once; a newer link or a new password spends it too. */
const SIGNIN_LINK_MS = 3 * 24 * 60 * 60 * 1000;

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

type TokenDb = Pick<DbClient, 'officerToken'>;

/** Spends every unused sign-in link of the officer: only the newest link, or none once a password is set, may work. */
async function spendSignInLinks(tx: TokenDb, officerId: string, now: Date): Promise<void> {
  await tx.officerToken.updateMany({ where: { officerId, purpose: 'signin', usedAt: null }, data: { usedAt: now } });
}

/** A new one-time sign-in link (first sign-in, or a forgotten password); older unused links stop working. */
export async function issueSignInLink(deps: OfficerDeps, officerId: string, actor: string): Promise<string> {
  const now = deps.clock.now();
  const token = newToken();
  await deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      await spendSignInLinks(tx, officerId, now);
      await tx.officerToken.create({ data: { tokenHash: tokenHash(token), officerId, purpose: 'signin', expiresAt: new Date(now.getTime() + SIGNIN_LINK_MS), createdAt: now } });
      await audit(tx, { at: now, actor, action: 'officer.link', detail: { officer: officerId } });
    }),
  );
  return token;
}

/** Whether a sign-in link is still good (unused, not expired), and whose it is. */
export async function signInLinkOwner(deps: OfficerDeps, token: string): Promise<{ officerId: string; name: string; username: string } | null> {
  const row = await deps.db.officerToken.findUnique({ where: { tokenHash: tokenHash(token) } });
  if (!row || row.purpose !== 'signin' || row.usedAt || row.expiresAt <= deps.clock.now()) return null;
  const officer = await deps.db.officer.findUnique({ where: { id: row.officerId } });
  return officer && !officer.disabledAt ? { officerId: officer.id, name: officer.name, username: officer.username } : null;
}

export type SetPasswordResult = { ok: true; officerId: string } | { ok: false; problem: 'link' | PasswordProblem };

/** Sets the password through a one-time link; this link and every other unused one are spent, and every older session ends. */
export async function setPasswordWithLink(deps: OfficerDeps, token: string, password: string, again: string): Promise<SetPasswordResult> {
  const owner = await signInLinkOwner(deps, token);
  if (!owner) return { ok: false, problem: 'link' };
  const problem = newPasswordProblem(password, again, owner.username);
  if (problem) return { ok: false, problem };
  const hash = await hashPassword(password);
  const now = deps.clock.now();
  return deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      const spent = await tx.officerToken.updateMany({ where: { tokenHash: tokenHash(token), usedAt: null }, data: { usedAt: now } });
      if (spent.count === 0) return { ok: false, problem: 'link' } as const;
      await spendSignInLinks(tx, owner.officerId, now);
      await tx.officer.update({ where: { id: owner.officerId }, data: { passwordHash: hash, sessionEpoch: { increment: 1 } } });
      await tx.officerSession.deleteMany({ where: { officerId: owner.officerId } });
      await audit(tx, { at: now, actor: owner.officerId, action: 'password.set' });
      return { ok: true, officerId: owner.officerId } as const;
    }),
  );
}

export type SignInResult = { ok: true; sessionToken: string } | { ok: false; problem: 'wrong' } | { ok: false; problem: 'throttled'; retryAt: Date; by: 'user' | 'client' };

// Compared against when the username is unknown, so that a wrong username takes as long as a wrong password.
let decoyHash: Promise<string> | null = null;

/**
 * Checks a password only after its attempt is counted (signInThrottle.ts): a
 * burst of guesses cannot outrun the count, and past the first few each
 * guess for a username waits longer. `false` when the password is wrong or
 * there is no such (enabled, password-holding) officer.
 */
async function checkPassword(deps: OfficerDeps, input: { username: string; password: string; client: string }) {
  const now = deps.clock.now();
  const reserved = await deps.writes.run(() => reserveAttempt(deps.db, input, now));
  if (!reserved.ok) return { ok: false, throttled: true, retryAt: reserved.retryAt, by: reserved.by } as const;
  const officer = await deps.db.officer.findUnique({ where: { username: input.username } });
  decoyHash ??= hashPassword(newToken());
  const good = await verifyPassword(input.password, officer?.passwordHash ?? (await decoyHash));
  if (!officer || !officer.passwordHash || officer.disabledAt || !good) return { ok: false, throttled: false, officerId: officer?.id ?? null } as const;
  return { ok: true, officer } as const;
}

/** Username and password in, a session token out; see checkPassword for the limits. */
export async function signIn(deps: OfficerDeps, input: { username: string; password: string; client: string }): Promise<SignInResult> {
  // Officers' usernames are short; whatever else was typed is cut, never stored as typed.
  const who = { username: input.username.trim().toLowerCase().slice(0, 64), password: input.password, client: input.client };
  const checked = await checkPassword(deps, who);
  const now = deps.clock.now();
  if (!checked.ok && checked.throttled) return { ok: false, problem: 'throttled', retryAt: checked.retryAt, by: checked.by };
  if (!checked.ok) {
    await deps.writes.run(() =>
      deps.db.$transaction(async (tx) => {
        await forgetOldAttempts(tx, now);
        // What was typed as a username may be a password typed in the wrong field: kept only when it names an officer (as the actor).
        await audit(tx, { at: now, actor: checked.officerId ?? 'unknown', action: 'signin.failed', detail: checked.officerId ? {} : { unknownUser: true } });
      }),
    );
    return { ok: false, problem: 'wrong' };
  }
  const { officer } = checked;
  const token = newToken();
  await deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      await tx.officerSession.create({
        data: { tokenHash: tokenHash(token), officerId: officer.id, epoch: officer.sessionEpoch, csrfSecret: newToken(), createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MS), lastSeenAt: now },
      });
      await attemptSucceeded(tx, who);
      await audit(tx, { at: now, actor: officer.id, action: 'signin' });
    }),
  );
  return { ok: true, sessionToken: token };
}

export type ChangePasswordResult = { ok: true } | { ok: false; problem: 'current' | PasswordProblem } | { ok: false; problem: 'throttled'; retryAt: Date; by: 'user' | 'client' };

/**
 * A signed-in officer changes their own password: the current one is checked
 * (and counted like a sign-in, so a borrowed session cannot guess it), the
 * officer's other sessions end, this one stays, unused sign-in links are spent.
 */
export async function changeOwnPassword(
  deps: OfficerDeps,
  input: { officer: SignedInOfficer; sessionToken: string; current: string; password: string; again: string; client: string },
): Promise<ChangePasswordResult> {
  const problem = newPasswordProblem(input.password, input.again, input.officer.username);
  if (problem) return { ok: false, problem };
  const who = { username: input.officer.username, password: input.current, client: input.client };
  const checked = await checkPassword(deps, who);
  if (!checked.ok && checked.throttled) return { ok: false, problem: 'throttled', retryAt: checked.retryAt, by: checked.by };
  if (!checked.ok || checked.officer.id !== input.officer.id) return { ok: false, problem: 'current' };
  const hash = await hashPassword(input.password);
  const now = deps.clock.now();
  const current = tokenHash(input.sessionToken);
  await deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      const updated = await tx.officer.update({ where: { id: input.officer.id }, data: { passwordHash: hash, sessionEpoch: { increment: 1 } } });
      await tx.officerSession.deleteMany({ where: { officerId: input.officer.id, NOT: { tokenHash: current } } });
      await tx.officerSession.updateMany({ where: { tokenHash: current }, data: { epoch: updated.sessionEpoch } });
      await spendSignInLinks(tx, input.officer.id, now);
      await attemptSucceeded(tx, who);
      await audit(tx, { at: now, actor: input.officer.id, action: 'password.change' });
    }),
  );
  return { ok: true };
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
