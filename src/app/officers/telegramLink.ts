import { randomInt } from 'node:crypto';
import { parseTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import type { Lang } from '../../engine/types.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';
import { isRole, tokenHash, type OfficerDeps, type SignedInOfficer } from './accounts.ts';
import { langOf } from './alertShared.ts';
import { audit } from './audit.ts';
import { actOnCase, type DeskDeps } from './caseDesk.ts';

/**
 * An officer's Telegram chat: linked with a one-time code made in the
 * workspace (`/link CODE`), and the buttons pressed in it.
 */

/** A link code is 8 of these: no 0/O, 1/I/L look-alikes. */
export const LINK_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LINK_CODE_LENGTH = 8;
const LINK_CODE_MS = 15 * 60 * 1000;

/** The callback data prefix of the acknowledge button. */
export const ACK_PREFIX = 'oack.';


/** Upper case, without spaces or dashes: what the officer typed, as stored. */
export function normaliseLinkCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * A one-time code that links a Telegram chat to the officer, valid 15 minutes.
 * Only its SHA-256 is stored; a new code voids the officer's older unused ones.
 */
export async function createTelegramLinkCode(deps: OfficerDeps, officerId: string): Promise<string> {
  const code = Array.from({ length: LINK_CODE_LENGTH }, () => LINK_CODE_ALPHABET[randomInt(LINK_CODE_ALPHABET.length)]).join('');
  const now = deps.clock.now();
  await deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      await tx.officerToken.updateMany({ where: { officerId, purpose: 'telegram', usedAt: null }, data: { usedAt: now } });
      await tx.officerToken.create({ data: { tokenHash: tokenHash(code), officerId, purpose: 'telegram', expiresAt: new Date(now.getTime() + LINK_CODE_MS), createdAt: now } });
    }),
  );
  return code;
}

interface LinkedOfficer {
  id: string;
  name: string;
  language: Lang;
}

async function redeemLinkCode(deps: OfficerDeps, code: string, chatId: string): Promise<LinkedOfficer | null> {
  const normalised = normaliseLinkCode(code);
  if (normalised.length !== LINK_CODE_LENGTH || [...normalised].some((ch) => !LINK_CODE_ALPHABET.includes(ch))) return null;
  const hash = tokenHash(normalised);
  const now = deps.clock.now();
  return deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      const row = await tx.officerToken.findUnique({ where: { tokenHash: hash } });
      if (!row || row.purpose !== 'telegram' || row.usedAt || row.expiresAt <= now) return null;
      const officer = await tx.officer.findUnique({ where: { id: row.officerId } });
      if (!officer || officer.disabledAt) return null;
      const spent = await tx.officerToken.updateMany({ where: { tokenHash: hash, usedAt: null }, data: { usedAt: now } });
      if (spent.count === 0) return null;
      // One chat speaks for one officer: a chat linked before to someone else is theirs no more.
      await tx.officer.updateMany({ where: { telegramChatId: chatId, id: { not: officer.id } }, data: { telegramChatId: null } });
      await tx.officer.update({ where: { id: officer.id }, data: { telegramChatId: chatId } });
      await audit(tx, { at: now, actor: officer.id, action: 'telegram.link', detail: { officer: officer.id } });
      return { id: officer.id, name: officer.name, language: langOf(officer.language) };
    }),
  );
}

/** Redeems a link code for a chat: the officer's name, or null when the code is wrong, used or expired. */
export async function linkTelegram(deps: OfficerDeps, code: string, chatId: string): Promise<string | null> {
  return (await redeemLinkCode(deps, code, chatId))?.name ?? null;
}

/** `/link CODE` answered in words: linked (in the officer's language), or the code did not work. */
export async function linkTelegramReply(deps: OfficerDeps & { translator: Translator }, code: string, chatId: string, lang: Lang = 'bn'): Promise<string> {
  const officer = await redeemLinkCode(deps, code, chatId);
  if (!officer) return deps.translator.t('alerts:link.bad', lang);
  return deps.translator.t('alerts:link.done', officer.language, { name: officer.name });
}


/**
 * A button pressed in an officer's chat. `oack.<number>` acknowledges the case
 * as the officer linked to this chat, within their area only (the case desk
 * enforces it). Returns a short answer in the officer's language, or null when
 * the data is not an officer button.
 */
export async function handleOfficerCallback(deps: DeskDeps, chatId: string, data: string, lang: Lang = 'bn'): Promise<string | null> {
  if (!data.startsWith(ACK_PREFIX)) return null;
  const row = await deps.db.officer.findFirst({ where: { telegramChatId: chatId, disabledAt: null } });
  if (!row || !isRole(row.role)) return deps.translator.t('alerts:ack.not_linked', lang);
  const officer: SignedInOfficer = { id: row.id, name: row.name, username: row.username, role: row.role, areaCode: row.areaCode, language: langOf(row.language) };
  const parsed = parseTrackingNumber(data.slice(ACK_PREFIX.length));
  if (!parsed.ok) return deps.translator.t('alerts:ack.not_area', officer.language);
  const result = await actOnCase(deps, officer, parsed.number, 'acknowledge');
  const number = parsed.number;
  if (result.ok) return deps.translator.t('alerts:ack.done', officer.language, { number });
  if (result.reason === 'unknown_case') return deps.translator.t('alerts:ack.not_area', officer.language, { number });
  return deps.translator.t('alerts:ack.not_allowed', officer.language, { number });
}
