import type { Clock } from '../../engine/types.ts';
import { openStored, type FieldCipher } from '../../infra/crypto/fieldCipher.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { WriteLock } from '../../infra/db/writeLock.ts';
import { present, StoredRowSchema, type Activity, type StoredRow } from './activity.ts';

/** Activities one read returns at most; the client asks again from the new watermark. */
export const PAGE = 100;

export interface ActivityPage {
  activities: Activity[];
  /** The last row read, or the watermark asked for when nothing is new. */
  watermark: number;
}

export interface KeptActivity {
  rowId: number;
  row: StoredRow;
}

export interface DirectLineStore {
  create(conversationId: string): Promise<void>;
  exists(conversationId: string): Promise<boolean>;
  /** Appends to the conversation's stream; null when the conversation is gone. */
  append(conversationId: string, row: StoredRow): Promise<number | null>;
  after(conversationId: string, watermark: number, limit?: number): Promise<ActivityPage>;
  /** The conversation's last `n` activities (below row `before` when given), newest first (the echo of a message sent again, the buttons just offered). */
  recent(conversationId: string, n: number, before?: number): Promise<KeptActivity[]>;
  count(conversationId: string): Promise<number>;
  /** The newest row of each of these conversations that has any (for streams fed by another process). */
  latest(conversationIds: readonly string[]): Promise<Map<string, number>>;
}

/**
 * DirectLineConversation and DirectLineActivity. Every Activity is sealed with
 * the field cipher (it repeats what the citizen wrote). The row id is the
 * watermark: an append first updates the conversation's row (a row lock on
 * PostgreSQL, the write lock on SQLite), so a conversation's activities commit
 * in the order of their ids and a reader at watermark N never misses one below it.
 */
export function createDirectLineStore(deps: { db: DbClient; writes: WriteLock; cipher: FieldCipher; clock: Clock }): DirectLineStore {
  const open = (sealed: string): StoredRow | null => {
    try {
      return StoredRowSchema.parse(JSON.parse(openStored(deps.cipher, sealed)));
    } catch {
      return null;
    }
  };
  return {
    async create(conversationId) {
      const now = deps.clock.now();
      await deps.db.directLineConversation.create({ data: { id: conversationId, createdAt: now, lastSeenAt: now } });
    },
    async exists(conversationId) {
      return (await deps.db.directLineConversation.findUnique({ where: { id: conversationId }, select: { id: true } })) !== null;
    },
    append(conversationId, row) {
      const sealed = deps.cipher.encrypt(JSON.stringify(row));
      return deps.writes.run(() =>
        deps.db.$transaction(async (tx) => {
          const now = deps.clock.now();
          const touched = await tx.directLineConversation.updateMany({ where: { id: conversationId }, data: { lastSeenAt: now } });
          if (touched.count === 0) return null;
          const created = await tx.directLineActivity.create({ data: { conversationId, activity: sealed, createdAt: now }, select: { id: true } });
          return created.id;
        }),
      );
    },
    async after(conversationId, watermark, limit = PAGE) {
      const rows = await deps.db.directLineActivity.findMany({
        where: { conversationId, id: { gt: watermark } },
        orderBy: { id: 'asc' },
        take: limit,
      });
      const activities = rows.flatMap((r) => {
        const stored = open(r.activity);
        return stored ? [present(conversationId, r.id, stored.activity)] : [];
      });
      return { activities, watermark: rows.at(-1)?.id ?? watermark };
    },
    async recent(conversationId, n, before) {
      const rows = await deps.db.directLineActivity.findMany({
        where: { conversationId, ...(before !== undefined ? { id: { lt: before } } : {}) },
        orderBy: { id: 'desc' },
        take: n,
      });
      return rows.flatMap((r) => {
        const row = open(r.activity);
        return row ? [{ rowId: r.id, row }] : [];
      });
    },
    count: (conversationId) => deps.db.directLineActivity.count({ where: { conversationId } }),
    async latest(conversationIds) {
      if (conversationIds.length === 0) return new Map();
      const groups = await deps.db.directLineActivity.groupBy({ by: ['conversationId'], where: { conversationId: { in: [...conversationIds] } }, _max: { id: true } });
      return new Map(groups.flatMap((g) => (g._max.id === null ? [] : [[g.conversationId, g._max.id] as const])));
    },
  };
}
