import type { DbClient } from '../../infra/db/client.ts';

/** What anyone holding a tracking number may learn of its case: where it stands, nothing about who or what. */
export interface PublicStatus {
  trackingNumber: string;
  state: string;
  tier: string;
  dueAt: Date;
  closedAt: Date | null;
}

/** The case of a (checked, canonical) tracking number, reduced to its standing; null when there is none. */
export async function publicStatus(db: DbClient, trackingNumber: string): Promise<PublicStatus | null> {
  const c = await db.case.findUnique({ where: { trackingNumber }, select: { trackingNumber: true, state: true, tier: true, dueAt: true, closedAt: true } });
  return c;
}
