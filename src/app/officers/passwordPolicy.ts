import { COMMON_PASSWORDS } from './commonPasswords.data.ts';
import { MIN_PASSWORD_LENGTH } from './password.ts';

/** Why a new password is refused; each has a message in locales (officer:password_policy.*). */
export type PasswordProblem = 'mismatch' | 'short' | 'blank' | 'one_character' | 'username' | 'common';

const COMMON = new Set(COMMON_PASSWORDS);

/**
 * What guessing online would try first, and what a rate limit alone cannot
 * save: too short, nothing but spaces, one character repeated, the username,
 * or a well-known password (also with digits or symbols stuck on the end).
 *
 * @example passwordProblem('aaaaaaaaaa', 'rahima') // 'one_character'
 */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  const chars = [...password.normalize('NFC')];
  if (chars.length < MIN_PASSWORD_LENGTH) return 'short';
  if (password.trim() === '') return 'blank';
  if (new Set(chars).size === 1) return 'one_character';
  const lower = password.normalize('NFC').toLowerCase();
  const name = username.trim().toLowerCase();
  const bare = lower.replace(/[\s\p{N}\p{P}\p{S}]+$/u, '').replace(/^[\s\p{N}\p{P}\p{S}]+/u, '');
  if (name !== '' && (lower.trim() === name || bare === name)) return 'username';
  if (COMMON.has(lower) || COMMON.has(lower.replace(/\s+/g, '')) || (bare !== '' && COMMON.has(bare))) return 'common';
  return null;
}

/** The same check for a new password typed twice. */
export function newPasswordProblem(password: string, again: string, username: string): PasswordProblem | null {
  if (password !== again) return 'mismatch';
  return passwordProblem(password, username);
}
