import type { DbClient } from '../../infra/db/client.ts';

/** What a certificate says, and all that checking it reveals: no contact, no report, no person. */
export interface Certificate {
  code: string;
  milestone: number;
  districtCode: string;
  createdAt: Date;
}

/** The certificate with this (normalised) code, or null. */
export async function certificateFor(db: DbClient, code: string): Promise<Certificate | null> {
  return db.recognition.findUnique({ where: { code }, select: { code: true, milestone: true, districtCode: true, createdAt: true } });
}
