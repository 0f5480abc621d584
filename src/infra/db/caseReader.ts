import type { CaseLookupResult, CaseView } from '../../engine/deps.ts';
import type { CaseLookup } from '../../engine/flows/status.ts';
import { CASE_STATES } from '../../domain/cases/lifecycle.ts';
import { CATEGORIES, TIERS } from '../../domain/cases/routing.ts';
import type { DbClient } from './client.ts';
import { openStored, type FieldCipher } from '../crypto/fieldCipher.ts';
import { z } from 'zod';

/** Rows are checked on the way out: a state or tier this code does not know is a bug to see, not to show. */
const ViewFields = z.object({
  trackingNumber: z.string(),
  kind: z.enum(['grievance', 'report']),
  category: z.enum(CATEGORIES),
  state: z.enum(CASE_STATES),
  tier: z.enum(TIERS),
});

/** Who decided a closed case; an unknown name is a bug to see, like the fields above. */
const DecidedTier = z.enum(TIERS).nullable();

const MINE_LIMIT = 10;

/** The daily cap on cases per contact counts the last 24 hours. */
const DAY_MS = 86_400_000;

/** A report of the same name at the same place within this window is the same person, most likely. */
const DUPLICATE_WINDOW_MS = 90 * 86_400_000;

/** "Rahima  Begum", "rahima begum" and "রহিমা বেগম।" compare equal to themselves. */
function sameName(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/[\s.,।]+/gu, ' ').trim();
}

/**
 * Cases by tracking number, and the user's own, as the engine may show them.
 * Read before the turn's transaction: a status answer a moment stale is fine.
 */
export async function lookupCases(db: DbClient, cipher: FieldCipher, contactId: string, lookup: CaseLookup, now: Date): Promise<CaseLookupResult> {
  const select = { id: true, trackingNumber: true, kind: true, category: true, state: true, tier: true, placeCode: true, createdAt: true, updatedAt: true, dueAt: true, urgent: true, contactId: true, decidedTier: true } as const;
  const found = lookup.numbers.length > 0 ? await db.case.findMany({ where: { trackingNumber: { in: lookup.numbers } }, select }) : [];
  const mine = lookup.mine ? await db.case.findMany({ where: { contactId }, orderBy: { createdAt: 'desc' }, take: MINE_LIMIT, select }) : [];
  const ids = [...found, ...mine].map((c) => c.id);
  const notes = ids.length > 0 ? await db.caseEvent.findMany({ where: { caseId: { in: ids }, note: { not: null }, actor: 'officer' }, orderBy: { id: 'desc' }, select: { caseId: true, note: true } }) : [];
  const lastNote = new Map<string, string>();
  for (const n of notes) if (n.note !== null && !lastNote.has(n.caseId)) lastNote.set(n.caseId, openStored(cipher, n.note));

  const view = (c: (typeof found)[number]): CaseView => ({
    ...ViewFields.parse(c),
    mine: c.contactId === contactId,
    placeCode: c.placeCode,
    createdAt: c.createdAt.getTime(),
    updatedAt: c.updatedAt.getTime(),
    dueAt: c.dueAt.getTime(),
    urgent: c.urgent,
    lastNote: lastNote.get(c.id) ?? null,
    decidedTier: DecidedTier.parse(c.decidedTier),
  });
  const byNumber: Record<string, CaseView | null> = Object.fromEntries(lookup.numbers.map((n) => [n, null]));
  for (const c of found) byNumber[c.trackingNumber] = view(c);
  const result: CaseLookupResult = lookup.mine ? { byNumber, mine: mine.map(view) } : { byNumber };
  if (lookup.ratable) {
    const closed = await db.case.findMany({
      where: { contactId, state: { in: ['resolved', 'rejected'] }, rating: null, closedAt: { not: null } },
      orderBy: { closedAt: 'desc' },
      take: 2,
      select: { trackingNumber: true, closedAt: true },
    });
    result.ratable = closed.flatMap((c) => (c.closedAt ? [{ trackingNumber: c.trackingNumber, closedAt: c.closedAt.getTime() }] : []));
  }
  if (lookup.lodgedToday) {
    result.lodgedToday = await db.case.count({ where: { contactId, createdAt: { gte: new Date(now.getTime() - DAY_MS) } } });
  }
  if (lookup.duplicate) {
    const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS);
    const earlier = await db.case.findMany({
      where: { kind: 'report', placeCode: lookup.duplicate.placeCode, createdAt: { gte: since }, subjectName: { not: null } },
      orderBy: { createdAt: 'asc' },
      select: { ...select, subjectName: true },
    });
    const wanted = sameName(lookup.duplicate.name);
    const match = earlier.find((c) => c.subjectName !== null && sameName(c.subjectName) === wanted);
    // Only the number to link to reaches the engine: nothing of the earlier case may be shown to this reporter.
    result.duplicate = match ? { trackingNumber: match.trackingNumber } : null;
  }
  return result;
}
