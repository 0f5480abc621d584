import { seeWhere, type Jurisdiction } from '../../domain/officers/jurisdiction.ts';
import { placeByCode } from '../../domain/geo/index.ts';
import { openStored, type FieldCipher } from '../../infra/crypto/fieldCipher.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { Clock } from '../../engine/types.ts';
import { audit } from './audit.ts';

const COLUMNS = [
  'tracking_number', 'kind', 'category', 'programme', 'place_code', 'place', 'upazila', 'district', 'state', 'tier', 'urgent',
  'created_at', 'due_at', 'closed_at', 'overdue', 'rating', 'source', 'phone', 'subject_name', 'description',
] as const;

/** A field as spreadsheet software will read it: quoted, and never taken for a formula. */
function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** 01712345678 → 017•••••678: enough to tell two numbers apart on a call, not to dial. */
export function maskPhone(phone: string): string {
  return phone.length <= 6 ? '•'.repeat(phone.length) : `${phone.slice(0, 3)}${'•'.repeat(phone.length - 6)}${phone.slice(-3)}`;
}

/**
 * Every case the officer may see as CSV (never one about their own office). Personal data (phone, the left-out
 * person's name, the citizen's own words) is masked or left out unless the
 * officer asks for it; either way the export is audited.
 */
export async function exportCases(
  deps: { db: DbClient; clock: Clock; cipher: FieldCipher },
  officer: Jurisdiction & { id: string },
  opts: { reveal: boolean },
): Promise<{ csv: string; count: number }> {
  const now = deps.clock.now();
  const rows = await deps.db.case.findMany({ where: seeWhere(officer), orderBy: { createdAt: 'asc' } });
  const name = (code: string) => placeByCode(code)?.nameEn ?? code;
  const lines = [COLUMNS.join(',')];
  for (const c of rows) {
    // A citizen who asked to stay anonymous has no phone in any export.
    const phone = c.phoneSealed && c.shareIdentity ? deps.cipher.decrypt(c.phoneSealed) : null;
    lines.push(
      [
        c.trackingNumber, c.kind, c.category, c.programme, c.placeCode, name(c.placeCode), name(c.upazilaCode), name(c.districtCode), c.state, c.tier, c.urgent,
        c.createdAt.toISOString(), c.dueAt.toISOString(), c.closedAt?.toISOString() ?? null, c.closedAt === null && c.dueAt < now, c.rating, c.source,
        phone === null ? null : opts.reveal ? phone : maskPhone(phone),
        c.subjectName === null ? null : opts.reveal ? c.subjectName : '•••',
        opts.reveal ? openStored(deps.cipher, c.description) : null,
      ].map(cell).join(','),
    );
  }
  await audit(deps.db, { at: now, actor: officer.id, action: 'case.export', detail: { count: rows.length, reveal: opts.reveal } });
  // A byte-order mark so that Excel reads the Bangla as UTF-8.
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, count: rows.length };
}
