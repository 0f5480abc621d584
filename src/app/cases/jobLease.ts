import type { DbClient } from '../../infra/db/client.ts';

/**
 * Takes (or renews) a named lease until `now + ttlMs`, so that with several
 * app processes on one database a scheduled job runs in one at a time.
 * Returns whether this holder has it.
 */
export async function acquireLease(db: DbClient, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const renewed = await db.jobLease.updateMany({ where: { name, OR: [{ holder }, { expiresAt: { lt: now } }] }, data: { holder, expiresAt } });
  if (renewed.count === 1) return true;
  try {
    await db.jobLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch {
    // Another process created it first (unique name): it holds the lease.
    return false;
  }
}
