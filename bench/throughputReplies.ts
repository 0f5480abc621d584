/**
 * Which reply at the stand-in answers which webhook call, for
 * `npm run bench:webhook`. A chat posts its next message as soon as the last
 * was acknowledged, so replies (paced by the platform's limits) trail far
 * behind the calls: arrival order alone cannot tell which call a reply
 * answers. Setu's own records can. Each turn records its inbound under the
 * platform's key (update_id, mid) at the time it was received, and queues its
 * replies at that same time; the outbox sends a contact's rows in id order,
 * several joined into one message ("\n\n" between them) or one long row in
 * parts. So: call → inbound → the turn's outbox rows → the first platform
 * message whose text starts with the first row's text.
 * Direct Line needs none of this: a reply names the echo it answers (replyToId).
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { createFieldCipher, openStored } from '../src/infra/crypto/fieldCipher.ts';
import { JOIN_SEPARATOR } from '../src/infra/delivery/joinMessages.ts';
import type { Sent } from './throughputLoad.ts';

/** A platform message as the stand-in (or a Direct Line stream) got it; `at` is absolute (timeOrigin + now). */
export interface Arrival {
  chat: string;
  at: number;
  text: string;
  /** Direct Line only: the echo the reply answers. */
  replyToId?: string;
}

export interface Answer {
  /** Absolute time of the first platform message carrying the turn's reply; null when none came. */
  at: number | null;
  /** The reply's text (its first outbox row), for the check that every chat got the same reply at the same step. */
  text: string | null;
}

export interface Attribution {
  answers: Map<Sent, Answer>;
  /** Platform messages no outbox row was found for (0 unless the alignment went wrong). */
  unattributed: number;
}

type Row = Record<string, unknown>;

export interface SetuReader {
  /** Outbox rows of the channel not yet sent or given up (pending, sending). */
  busy(channel: string): Promise<number>;
  /** Inbound messages of the channel whose turn has run. */
  turned(channel: string): Promise<number>;
  inbound(channel: string): Promise<Row[]>;
  outbox(channel: string): Promise<Row[]>;
  close(): Promise<void>;
}

/** Reads Setu's tables while it runs: a read-only connection (SQLite, WAL) or a client (PostgreSQL). */
export async function openSetuReader(url: string): Promise<SetuReader> {
  let all: (sql: string, channel: string) => Promise<Row[]>;
  let close: () => Promise<void>;
  if (url.startsWith('file:')) {
    const db = new Database(url.slice('file:'.length), { readonly: true, fileMustExist: true });
    all = async (sql, channel) => db.prepare(sql.replace(/\$1/g, '?')).all(channel) as Row[];
    close = async () => void db.close();
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    all = async (sql, channel) => (await client.query(sql, [channel])).rows as Row[];
    close = () => client.end();
  }
  const count = async (sql: string, channel: string): Promise<number> => Number((await all(sql, channel))[0]?.n ?? 0);
  return {
    busy: (channel) => count(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE "channel" = $1 AND "status" IN ('pending', 'sending')`, channel),
    turned: (channel) => count(`SELECT COUNT(*) AS n FROM "InboundMessage" WHERE "channel" = $1`, channel),
    inbound: (channel) => all(`SELECT "platformKey", "contactId", "receivedAt" FROM "InboundMessage" WHERE "channel" = $1`, channel),
    outbox: (channel) => all(`SELECT "id", "contactId", "externalId", "payload", "status", "createdAt" FROM "OutboxMessage" WHERE "channel" = $1 ORDER BY "id"`, channel),
    close,
  };
}

/** SQLite keeps Setu's times as ISO text, PostgreSQL's client gives Dates; both become ms. */
const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(String(v)));

interface OutRow {
  contactId: string;
  chat: string;
  status: string;
  createdAt: number;
  text: string;
  turn: Sent | null;
  deliveredAt: number | null;
}

/** Enough of a row's text to know it at the start of a platform message. */
const probe = (text: string): string => text.slice(0, 48);

/**
 * Marks each sent row with the arrival of the platform message that carried
 * it: a message starts with its first row's text, and holds the next rows
 * after JOIN_SEPARATOR when the outbox joined them. A message that starts
 * with no row's text but lies inside the last row's text is a later part of
 * that row. Returns how many messages fitted neither.
 */
function align(rows: OutRow[], arrivals: readonly Arrival[]): number {
  let i = 0;
  let unattributed = 0;
  for (const a of arrivals) {
    let j = -1;
    // The next row, or one a little further on should one have been given up in between.
    for (let k = i; k < Math.min(rows.length, i + 4) && j < 0; k += 1) if (a.text.startsWith(probe((rows[k] as OutRow).text))) j = k;
    if (j < 0) {
      if (!(i > 0 && (rows[i - 1] as OutRow).text.includes(probe(a.text)))) unattributed += 1;
      continue;
    }
    let at = (rows[j] as OutRow).text.length;
    (rows[j] as OutRow).deliveredAt = a.at;
    let k = j + 1;
    for (; k < rows.length && a.text.startsWith(JOIN_SEPARATOR + probe((rows[k] as OutRow).text), at); k += 1) {
      (rows[k] as OutRow).deliveredAt = a.at;
      at += JOIN_SEPARATOR.length + (rows[k] as OutRow).text.length;
    }
    i = k;
  }
  return unattributed;
}

/** Telegram and Messenger: see the file's comment. `dataKey` opens the sealed payloads. */
export async function attributeByOutbox(reader: SetuReader, channel: string, dataKey: string, sent: readonly Sent[], arrivals: readonly Arrival[]): Promise<Attribution> {
  const cipher = createFieldCipher(Buffer.from(dataKey, 'hex'));
  const byKey = new Map(sent.map((s) => [s.key, s]));
  // Per contact, its turns in the order they were received.
  const turns = new Map<string, Array<{ at: number; sent: Sent }>>();
  for (const r of await reader.inbound(channel)) {
    const s = byKey.get(String(r.platformKey));
    if (!s) continue;
    const list = turns.get(String(r.contactId)) ?? [];
    list.push({ at: ms(r.receivedAt), sent: s });
    turns.set(String(r.contactId), list);
  }
  for (const list of turns.values()) list.sort((a, b) => a.at - b.at);

  const rowsByChat = new Map<string, OutRow[]>();
  for (const r of await reader.outbox(channel)) {
    let text = '';
    try {
      text = String((JSON.parse(openStored(cipher, String(r.payload))) as { text?: unknown }).text ?? '');
    } catch {
      // unreadable: it cannot be told at the stand-in either
    }
    const createdAt = ms(r.createdAt);
    // A turn queues its replies at the time it was received; the last turn received by then is the one.
    const list = turns.get(String(r.contactId)) ?? [];
    let turn: Sent | null = null;
    for (const t of list) {
      if (t.at > createdAt) break;
      turn = t.sent;
    }
    const row: OutRow = { contactId: String(r.contactId), chat: String(r.externalId), status: String(r.status), createdAt, text, turn, deliveredAt: null };
    const chatRows = rowsByChat.get(row.chat) ?? [];
    chatRows.push(row);
    rowsByChat.set(row.chat, chatRows);
  }

  const arrivalsByChat = new Map<string, Arrival[]>();
  for (const a of arrivals) {
    const list = arrivalsByChat.get(a.chat) ?? [];
    list.push(a);
    arrivalsByChat.set(a.chat, list);
  }
  let unattributed = 0;
  for (const [chat, list] of arrivalsByChat) unattributed += align((rowsByChat.get(chat) ?? []).filter((r) => r.status === 'sent' && r.text !== ''), list);

  const answers = new Map<Sent, Answer>();
  for (const rows of rowsByChat.values()) {
    for (const row of rows) {
      if (!row.turn || answers.has(row.turn)) continue;
      answers.set(row.turn, { at: row.deliveredAt, text: row.text });
    }
  }
  return { answers, unattributed };
}

/** Direct Line: the first bot message whose replyToId is the call's echo. Bot messages answering nothing (the welcome) are not counted. */
export function attributeByReplyTo(sent: readonly Sent[], arrivals: readonly Arrival[]): Attribution {
  const first = new Map<string, Arrival>();
  let unattributed = 0;
  const keys = new Set(sent.map((s) => s.key));
  for (const a of arrivals) {
    if (a.replyToId === undefined) continue;
    if (!keys.has(a.replyToId)) unattributed += 1;
    else if (!first.has(a.replyToId)) first.set(a.replyToId, a);
  }
  const answers = new Map<Sent, Answer>();
  for (const s of sent) {
    const a = first.get(s.key);
    answers.set(s, { at: a?.at ?? null, text: a?.text ?? null });
  }
  return { answers, unattributed };
}

/**
 * Every chat follows the same script from a new contact, so at each step all
 * of them should get the same reply: the number of answers unlike the most
 * common one at their step (turns run out of order, or a wrong attribution).
 */
export function outOfStep(answers: ReadonlyMap<Sent, Answer>): number {
  const byStep = new Map<number, Map<string, number>>();
  for (const [s, a] of answers) {
    if (a.text === null) continue;
    const counts = byStep.get(s.step) ?? new Map<string, number>();
    counts.set(a.text, (counts.get(a.text) ?? 0) + 1);
    byStep.set(s.step, counts);
  }
  let odd = 0;
  for (const counts of byStep.values()) {
    const values = [...counts.values()];
    odd += values.reduce((a, b) => a + b, 0) - Math.max(...values);
  }
  return odd;
}
