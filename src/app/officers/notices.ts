import { charterOffice } from '../../domain/charter/office.ts';
import { areasAbove, areasUnder, maySendNotices, noticeReaches, readNotice, type NoticeField, type NoticeKind, type NoticeProblem } from '../../domain/officers/noticeReach.ts';
import type { Clock, IdGenerator, Lang } from '../../engine/types.ts';
import type { FieldCipher } from '../../infra/crypto/fieldCipher.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { WriteLock } from '../../infra/db/writeLock.ts';
import { sealOutboxPayload } from '../../infra/delivery/sender.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';
import { isRole, type SignedInOfficer } from './accounts.ts';
import { langOf } from './alertShared.ts';
import { areaName } from './areaName.ts';
import { audit } from './audit.ts';

/**
 * Notices from a district or upazila office to the officers below it
 * (`src/domain/officers/noticeReach.ts` says who), with read receipts. Who
 * receives a notice is asked of the geography at every read, so an officer
 * who joins later finds the notices already sent; a disabled officer is no
 * longer counted. Officers who linked Telegram hear of a new notice there,
 * through the outbox: its title and the sending office, never its body.
 */

export interface NoticeDeps {
  db: DbClient;
  writes: WriteLock;
  clock: Clock;
  translator: Translator;
  cipher: FieldCipher;
  ids: IdGenerator;
  /** Where the workspace is reached: the Telegram message links to the notice there. */
  publicUrl(): string;
  /** The bot's username when Telegram is on; without it no Telegram message is queued (none could go). */
  telegramBot: string | null;
  /** Called when messages were queued, so delivery starts at once. */
  onOutbox?: () => void;
}

/** Notices listed on a page: the newest this many. */
const LIST_MAX = 200;

export interface NoticeHeader {
  id: string;
  kind: NoticeKind;
  title: string;
  fromArea: string;
  fromOfficerName: string;
  createdAt: Date;
}

export interface ReceivedNotice extends NoticeHeader {
  /** When this officer first opened it; null while unread. */
  readAt: Date | null;
}

export interface SentNotice extends NoticeHeader {
  read: number;
  recipients: number;
}

export interface NoticeLists {
  /** The officer's office sends notices (district and upazila officers). */
  canSend: boolean;
  sent: SentNotice[];
  /** Newest first; for headquarters and admins every notice. */
  received: ReceivedNotice[];
  unread: number;
}

export interface Recipient {
  id: string;
  name: string;
  role: string;
  areaCode: string;
  language: Lang;
  telegramChatId: string | null;
}

const kindOf = (value: string): NoticeKind => (value === 'good_practice' ? 'good_practice' : 'instruction');
/** Headquarters and admins read every notice (they send none). */
const readsAll = (officer: SignedInOfficer): boolean => officer.role === 'hq' || officer.role === 'admin';

/** The sending office by name, in the reader's language: "District Social Services Office, Gopalganj". */
export function officeName(translator: Pick<Translator, 't'>, area: string, lang: Lang): string {
  const office = charterOffice(area);
  const name = areaName(translator, area, lang);
  return office ? translator.t(`charter:office_name.${office.kind}`, lang, { name }) : name;
}

/** The officers a notice from this area reaches now: not disabled, of an area strictly below it. */
export async function recipientsOf(db: Pick<DbClient, 'officer'>, fromArea: string): Promise<Recipient[]> {
  const areas = areasUnder(fromArea);
  if (areas.length === 0) return [];
  const rows = await db.officer.findMany({
    where: { disabledAt: null, areaCode: { in: areas } },
    orderBy: [{ areaCode: 'asc' }, { name: 'asc' }],
    select: { id: true, name: true, role: true, areaCode: true, language: true, telegramChatId: true },
  });
  return rows
    .filter((o) => isRole(o.role) && noticeReaches(fromArea, o.areaCode))
    .map((o) => ({ id: o.id, name: o.name, role: o.role, areaCode: o.areaCode, language: langOf(o.language), telegramChatId: o.telegramChatId }));
}

async function senderNames(db: Pick<DbClient, 'officer'>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.officer.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(rows.map((o) => [o.id, o.name]));
}

type NoticeRow = { id: string; kind: string; title: string; fromArea: string; fromOfficerId: string; createdAt: Date };
const header = (n: NoticeRow, names: Map<string, string>): NoticeHeader => ({
  id: n.id,
  kind: kindOf(n.kind),
  title: n.title,
  fromArea: n.fromArea,
  fromOfficerName: names.get(n.fromOfficerId) ?? '',
  createdAt: n.createdAt,
});

// ── Sending ───────────────────────────────────────────────────────────────

export type SendNoticeResult =
  | { ok: true; id: string; recipients: number; telegram: number }
  /** The officer's office sends no notices (union, headquarters, admin). */
  | { ok: false; reason: 'not_allowed' }
  | { ok: false; reason: 'invalid'; problems: NoticeProblem[] };

/**
 * The outbox lane of an officer's Telegram messages: their own, never the
 * `telegram:<chat>` contact of a citizen's conversation (an officer's chat is
 * not one). The lane has a Contact row of channel `officer`, only so that the
 * delivery worker can mark it unreachable when the officer blocked the bot:
 * it has no session, no messages in and no cases.
 */
export const officerLane = (officerId: string): string => `officer:${officerId}`;

/** The Telegram message of a new notice, in the recipient's language: its title, the sending office and a link. */
export function noticeTelegramRow(deps: Pick<NoticeDeps, 'translator' | 'cipher' | 'publicUrl'>, to: Recipient & { telegramChatId: string }, notice: { id: string; title: string; fromArea: string }, now: Date) {
  const url = `${deps.publicUrl().replace(/\/+$/, '')}/officer/notices/${notice.id}`;
  const rendered = deps.translator.render({ key: 'notices:telegram.new', kind: 'text', params: { title: notice.title, office: officeName(deps.translator, notice.fromArea, to.language), url } }, to.language);
  return {
    contactId: officerLane(to.id),
    channel: 'telegram',
    externalId: to.telegramChatId,
    payload: sealOutboxPayload(deps.cipher, rendered),
    purpose: 'notice',
    nextAttemptAt: now,
    createdAt: now,
  };
}

/**
 * Sends a notice from the officer's own office (never one named by the form)
 * to the officers below it: saved, audited (`notice.send`, its id and how many
 * it reached, never its words) and queued to the Telegram chats of those who
 * linked one, in one transaction.
 */
export async function sendNotice(deps: NoticeDeps, officer: SignedInOfficer, input: Record<NoticeField, string>): Promise<SendNoticeResult> {
  if (!maySendNotices(officer)) return { ok: false, reason: 'not_allowed' };
  const read = readNotice(input);
  if (!read.ok) return { ok: false, reason: 'invalid', problems: read.problems };
  const { kind, title, body } = read.notice;
  const fromArea = officer.areaCode;
  const id = deps.ids.next();
  const result = await deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      const now = deps.clock.now();
      // Read inside the transaction: an officer disabled meanwhile is neither counted nor messaged.
      const recipients = await recipientsOf(tx, fromArea);
      await tx.officeNotice.create({ data: { id, fromArea, fromOfficerId: officer.id, kind, title, body, createdAt: now } });
      await audit(tx, { at: now, actor: officer.id, action: 'notice.send', detail: { notice: id, recipients: recipients.length } });
      const linked = deps.telegramBot === null ? [] : recipients.flatMap((r) => (r.telegramChatId ? [{ ...r, telegramChatId: r.telegramChatId }] : []));
      if (linked.length > 0) await tx.outboxMessage.createMany({ data: linked.map((r) => noticeTelegramRow(deps, r, { id, title, fromArea }, now)) });
      return { recipients: recipients.length, telegram: linked.length };
    }),
  );
  if (result.telegram > 0) deps.onOutbox?.();
  return { ok: true, id, ...result };
}

// ── Reading ───────────────────────────────────────────────────────────────

/** What the officer sent and what reached them, newest first, with read counts and unread marks. */
export async function noticesFor(deps: Pick<NoticeDeps, 'db'>, officer: SignedInOfficer): Promise<NoticeLists> {
  const canSend = maySendNotices(officer);
  const above = areasAbove(officer.areaCode);
  const [receivedRows, sentRows] = await Promise.all([
    readsAll(officer) || above.length > 0
      ? deps.db.officeNotice.findMany({
          where: readsAll(officer) ? {} : { fromArea: { in: above } },
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          take: LIST_MAX,
          select: { id: true, kind: true, title: true, fromArea: true, fromOfficerId: true, createdAt: true },
        })
      : Promise.resolve([]),
    deps.db.officeNotice.findMany({
      where: { fromOfficerId: officer.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: LIST_MAX,
      select: { id: true, kind: true, title: true, fromArea: true, fromOfficerId: true, createdAt: true },
    }),
  ]);
  const names = await senderNames(deps.db, [...receivedRows, ...sentRows].map((n) => n.fromOfficerId));
  const reads = receivedRows.length === 0 ? [] : await deps.db.officeNoticeRead.findMany({ where: { officerId: officer.id, noticeId: { in: receivedRows.map((n) => n.id) } } });
  const readAt = new Map(reads.map((r) => [r.noticeId, r.readAt]));
  const received = receivedRows.map((n) => ({ ...header(n, names), readAt: readAt.get(n.id) ?? null }));

  // Read counts of what was sent, over who it reaches now (an area an officer once sent from may differ from theirs today).
  const sent: SentNotice[] = [];
  const byArea = new Map<string, Recipient[]>();
  for (const area of new Set(sentRows.map((n) => n.fromArea))) byArea.set(area, await recipientsOf(deps.db, area));
  const counts = new Map<string, number>();
  for (const [area, recipients] of byArea) {
    const ids = sentRows.filter((n) => n.fromArea === area).map((n) => n.id);
    if (recipients.length === 0 || ids.length === 0) continue;
    const grouped = await deps.db.officeNoticeRead.groupBy({ by: ['noticeId'], where: { noticeId: { in: ids }, officerId: { in: recipients.map((r) => r.id) } }, _count: { _all: true } });
    for (const g of grouped) counts.set(g.noticeId, g._count._all);
  }
  for (const n of sentRows) sent.push({ ...header(n, names), read: counts.get(n.id) ?? 0, recipients: byArea.get(n.fromArea)?.length ?? 0 });
  return { canSend, sent, received, unread: received.filter((n) => n.readAt === null).length };
}

export interface OpenedNotice extends NoticeHeader {
  body: string;
  /** The officer sent it (they see who has read it). */
  mine: boolean;
  /** When this officer first read it; null for the sender. */
  readAt: Date | null;
  /** It was unread until this opening. */
  firstRead: boolean;
}

/**
 * One notice, for an officer it reaches, its sender, or headquarters and
 * admins; null for anyone else (the page is then a 404, as for no notice at
 * all). Opening it records the read once: the first time is kept.
 */
export async function openNotice(deps: Pick<NoticeDeps, 'db' | 'writes' | 'clock'>, officer: SignedInOfficer, id: string): Promise<OpenedNotice | null> {
  const n = await deps.db.officeNotice.findUnique({ where: { id } });
  if (!n) return null;
  const mine = n.fromOfficerId === officer.id;
  if (!mine && !noticeReaches(n.fromArea, officer.areaCode) && !readsAll(officer)) return null;
  const names = await senderNames(deps.db, [n.fromOfficerId]);
  const opened = { ...header(n, names), body: n.body, mine };
  if (mine) return { ...opened, readAt: null, firstRead: false };
  const key = { noticeId_officerId: { noticeId: n.id, officerId: officer.id } };
  const before = await deps.db.officeNoticeRead.findUnique({ where: key });
  if (before) return { ...opened, readAt: before.readAt, firstRead: false };
  // An upsert that changes nothing when the row is there: of two openings at once, the first time stays.
  const row = await deps.writes.run(() => deps.db.officeNoticeRead.upsert({ where: key, create: { noticeId: n.id, officerId: officer.id, readAt: deps.clock.now() }, update: {} }));
  return { ...opened, readAt: row.readAt, firstRead: true };
}

export interface Receipts {
  read: Array<Recipient & { readAt: Date }>;
  unread: Recipient[];
  recipients: number;
}

/** Who of the officers a notice reaches has read it, and who not: for its sender only (null for anyone else). */
export async function receipts(deps: Pick<NoticeDeps, 'db'>, officer: SignedInOfficer, id: string): Promise<Receipts | null> {
  const n = await deps.db.officeNotice.findUnique({ where: { id }, select: { id: true, fromArea: true, fromOfficerId: true } });
  if (!n || n.fromOfficerId !== officer.id) return null;
  const recipients = await recipientsOf(deps.db, n.fromArea);
  const reads = recipients.length === 0 ? [] : await deps.db.officeNoticeRead.findMany({ where: { noticeId: n.id, officerId: { in: recipients.map((r) => r.id) } } });
  const readAt = new Map(reads.map((r) => [r.officerId, r.readAt]));
  const read = recipients.flatMap((r) => {
    const at = readAt.get(r.id);
    return at ? [{ ...r, readAt: at }] : [];
  });
  read.sort((a, b) => a.readAt.getTime() - b.readAt.getTime());
  return { read, unread: recipients.filter((r) => !readAt.has(r.id)), recipients: recipients.length };
}
