import { z } from 'zod';
import { normalisePhone } from '../../domain/cases/phone.ts';
import { CATEGORIES, firstTier, officeFor, type Tier } from '../../domain/cases/routing.ts';
import { concernsTier } from '../../domain/cases/concerns.ts';
import { makeTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { detectUrgency } from '../../domain/cases/urgency.ts';
import { addWorkingDays, type WorkCalendar } from '../../domain/cases/workingDays.ts';
import { covers } from '../../domain/officers/jurisdiction.ts';
import { caseLocation } from '../../engine/flows/location.ts';
import type { IdGenerator } from '../../engine/types.ts';
import type { SignedInOfficer } from './accounts.ts';
import { audit } from './audit.ts';
import type { DeskDeps } from './caseDesk.ts';

/** Where a case came from when an officer enters it: a paper form, the 333 helpline, a complaint box. */
export const INTAKE_SOURCES = ['paper', 'phone', 'box'] as const;

export const IntakeSchema = z.object({
  source: z.enum(INTAKE_SOURCES),
  category: z.enum(CATEGORIES),
  programme: z.string().trim().max(40).optional(),
  placeCode: z.string().trim().min(2),
  description: z.string().trim().min(5).max(4000),
  phone: z.string().trim().max(40).optional(),
  shareIdentity: z.boolean(),
  language: z.enum(['bn', 'en']),
});
export type IntakeInput = z.input<typeof IntakeSchema>;

export type IntakeResult = { ok: true; trackingNumber: string } | { ok: false; problem: 'invalid' | 'place' | 'phone' | 'programme'; detail?: string };

const MAX_NUMBER_DRAWS = 3;

/**
 * A case received on paper, by phone (333) or in a complaint box, entered by
 * an officer for the citizen, so that every channel lands in one tracker. It
 * is routed, timed and checked for urgency like one lodged in the chat. The
 * place must lie in the officer's own area.
 */
export async function enterCase(
  deps: DeskDeps & { calendar: WorkCalendar; deadlineDays: Record<Tier, number>; ids: IdGenerator; programmes: readonly string[] },
  officer: SignedInOfficer,
  /** A form as posted: checked here. */
  input: IntakeInput | Record<string, unknown>,
): Promise<IntakeResult> {
  const parsed = IntakeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problem: 'invalid', detail: parsed.error.issues.map((i) => i.path.join('.')).join(', ') };
  const d = parsed.data;
  const where = caseLocation(d.placeCode);
  if (!where || !covers(officer, { placeCode: d.placeCode, upazilaCode: where.upazilaCode, districtCode: where.districtCode })) return { ok: false, problem: 'place' };
  const programme = d.programme ? d.programme : null;
  if (programme !== null && !deps.programmes.includes(programme)) return { ok: false, problem: 'programme' };
  let phone: string | null = null;
  if (d.phone) {
    const p = normalisePhone(d.phone);
    if (!p.ok) return { ok: false, problem: 'phone' };
    phone = p.e164;
  }
  const now = deps.clock.now();
  // As in the chat: a complaint about local staff goes above the office it is about, and is hidden from it.
  const concerns = concernsTier(d.category, d.description);
  const tier = firstTier(d.category, where, concerns);
  const dueAt = addWorkingDays(now, deps.deadlineDays[tier], deps.calendar);
  const urgentReasons = detectUrgency({ text: d.description, category: d.category });

  for (let draw = 1; ; draw += 1) {
    const id = deps.ids.next();
    const trackingNumber = makeTrackingNumber(id);
    try {
      await deps.writes.run(() =>
        deps.db.$transaction(async (tx) => {
          await tx.case.create({
            data: {
              id,
              trackingNumber,
              kind: 'grievance',
              category: d.category,
              programme,
              placeCode: d.placeCode,
              upazilaCode: where.upazilaCode,
              districtCode: where.districtCode,
              description: deps.cipher.encrypt(d.description),
              state: 'received',
              tier,
              officeCode: officeFor(tier, where),
              concernsTier: concerns,
              urgent: urgentReasons.length > 0,
              urgentReasons: JSON.stringify(urgentReasons),
              dueAt,
              // No chat behind it: notices have nowhere to go, and the officer tells the citizen the number.
              contactId: `${d.source}:${id}`,
              channel: d.source,
              language: d.language,
              phoneSealed: phone === null ? null : deps.cipher.encrypt(phone),
              shareIdentity: d.shareIdentity,
              enteredBy: officer.id,
              source: d.source,
              createdAt: now,
              updatedAt: now,
            },
          });
          await tx.caseEvent.create({ data: { caseId: id, at: now, type: 'lodged', toState: 'received', tier, officeCode: officeFor(tier, where), actor: 'officer', officerId: officer.id } });
          await audit(tx, { at: now, actor: officer.id, action: 'case.enter', caseId: id, detail: { source: d.source } });
        }),
      );
      return { ok: true, trackingNumber };
    } catch (err) {
      // Two ids can hash to one tracking number; draw again, as the chat does.
      const text = err instanceof Error ? `${err.message} ${'meta' in err ? JSON.stringify((err as { meta: unknown }).meta) : ''}` : '';
      if (draw < MAX_NUMBER_DRAWS && /unique/i.test(text) && text.includes('trackingNumber')) continue;
      throw err;
    }
  }
}
