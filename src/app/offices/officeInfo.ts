import { charterOffice, type CharterOffice } from '../../domain/charter/office.ts';
import { changedFields, readOfficeDetails, type OfficeDetails, type OfficeField, type OfficeProblem } from '../../domain/charter/officeDetails.ts';
import type { Jurisdiction } from '../../domain/officers/jurisdiction.ts';
import type { Clock } from '../../engine/types.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { WriteLock } from '../../infra/db/writeLock.ts';
import { audit } from '../officers/audit.ts';

/** An office's public details as kept; every field null until its officers give it. */
export interface OfficeInfo extends OfficeDetails {
  officeCode: string;
  /** When they were last changed; null when never given. */
  updatedAt: Date | null;
}

export interface OfficeDeps {
  db: DbClient;
  writes: WriteLock;
  clock: Clock;
}

export type UpdateOfficeResult =
  | { ok: true; changed: OfficeField[] }
  /** The officer has no office of their own (headquarters, admins). */
  | { ok: false; reason: 'no_office' }
  | { ok: false; reason: 'invalid'; problems: OfficeProblem[] };

const EMPTY: OfficeDetails = { address: null, hours: null, phone: null };

/** The officer's own office: a union, upazila or district officer's area; headquarters and admins have none. */
export function ownOffice(officer: Jurisdiction): CharterOffice | null {
  const office = charterOffice(officer.areaCode);
  return office && office.tier === officer.role ? office : null;
}

/** What the office with this area code keeps about itself (empty for an office that has given nothing yet). */
export async function officeInfoFor(db: Pick<DbClient, 'officeInfo'>, officeCode: string): Promise<OfficeInfo> {
  const row = await db.officeInfo.findUnique({ where: { officeCode } });
  return row ? { officeCode, address: row.address, hours: row.hours, phone: row.phone, updatedAt: row.updatedAt } : { officeCode, ...EMPTY, updatedAt: null };
}

/**
 * Saves an officer's own office's details: always the office of their area, never one named by the form.
 * Audited (`office.update`, which fields changed, not their values) in the same transaction; a save that changes
 * nothing writes nothing.
 */
export async function updateOfficeInfo(deps: OfficeDeps, officer: Jurisdiction & { id: string }, input: Record<OfficeField, string>): Promise<UpdateOfficeResult> {
  const office = ownOffice(officer);
  if (!office) return { ok: false, reason: 'no_office' };
  const read = readOfficeDetails(input);
  if (!read.ok) return { ok: false, reason: 'invalid', problems: read.problems };
  const details = read.details;
  return deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      const changed = changedFields(await officeInfoFor(tx, office.code), details);
      if (changed.length === 0) return { ok: true as const, changed };
      const now = deps.clock.now();
      const data = { ...details, updatedAt: now, updatedBy: officer.id };
      await tx.officeInfo.upsert({ where: { officeCode: office.code }, create: { officeCode: office.code, ...data }, update: data });
      await audit(tx, { at: now, actor: officer.id, action: 'office.update', detail: { office: office.code, changed: changed.join(',') } });
      return { ok: true as const, changed };
    }),
  );
}
