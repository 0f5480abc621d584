import type { Jurisdiction } from '../../domain/officers/jurisdiction.ts';
import type { WorkCalendar } from '../../domain/cases/workingDays.ts';
import type { Lang } from '../../engine/types.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { Logger } from '../../infra/log/logger.ts';
import { isRole } from './accounts.ts';
import type { DeskDeps } from './caseDesk.ts';

/** What officers' Telegram alerts and digests share: how they are sent, to whom, and markers that survive restarts. */

export interface AlertButton {
  text: string;
  /** Callback data (at most 64 bytes). */
  callback?: string;
  /** An https URL. */
  url?: string;
}

/** Sends one message with buttons to an officer's chat; throws when the platform refuses it. */
export type AlertSend = (chatId: string, text: string, buttons: AlertButton[]) => Promise<void>;

export interface AlertsDeps extends DeskDeps {
  log: Logger;
  calendar: WorkCalendar;
  /** PUBLIC_URL of the workspace; its links become buttons only when it is https (Telegram refuses others). */
  publicUrl?: string | undefined;
}


/** "About to miss the deadline": due within this many working days. */
export const DUE_SOON_WORKING_DAYS = 2;
export const DHAKA_OFFSET_MS = 6 * 60 * 60 * 1000;
/** Rows of JobLease used as durable markers, not as leases. */
export const MARKER_HOLDER = 'marker';

export const langOf = (value: string): Lang => (value === 'en' ? 'en' : 'bn');

export interface LinkedRecipient extends Jurisdiction {
  id: string;
  name: string;
  language: Lang;
  chatId: string;
}


export async function linkedOfficers(db: DbClient): Promise<LinkedRecipient[]> {
  const rows = await db.officer.findMany({ where: { telegramChatId: { not: null }, disabledAt: null }, orderBy: { createdAt: 'asc' } });
  return rows.flatMap((o) =>
    o.telegramChatId && isRole(o.role) ? [{ id: o.id, name: o.name, language: langOf(o.language), chatId: o.telegramChatId, role: o.role, areaCode: o.areaCode }] : [],
  );
}

export async function readMarker(db: DbClient, name: string): Promise<Date | null> {
  return (await db.jobLease.findUnique({ where: { name } }))?.expiresAt ?? null;
}

export async function writeMarker(deps: AlertsDeps, name: string, at: Date): Promise<void> {
  await deps.writes.run(() => deps.db.jobLease.upsert({ where: { name }, create: { name, holder: MARKER_HOLDER, expiresAt: at }, update: { expiresAt: at } }));
}
