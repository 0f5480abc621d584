import { z } from 'zod';
import { childrenOf, pathOf, placeByCode } from '../geo/index.ts';
import type { Jurisdiction } from './jurisdiction.ts';

/*
 * Notices from an office to the offices below it: a district office's reach
 * every upazila and union officer of the district, an upazila office's the
 * union officers of the upazila. Who receives one is a rule of geography
 * alone, asked of each officer: the notice's area is a strict ancestor of
 * theirs.
 */

export const NOTICE_KINDS = ['instruction', 'good_practice'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_TITLE_MAX = 120;
export const NOTICE_BODY_MAX = 4000;

/** The roles that send notices, and the level of place their area is. */
const SENDER_LEVEL = { district: 'district', upazila: 'upazila' } as const;

/**
 * Whether this officer's office sends notices: a district or an upazila
 * officer whose area is a place of that level. Headquarters and admins read
 * every notice but send none; union officers are the last office down.
 * @example maySendNotices({ role: 'upazila', areaCode: 'up387' }) // true
 */
export function maySendNotices(j: Jurisdiction): boolean {
  if (j.role !== 'district' && j.role !== 'upazila') return false;
  return placeByCode(j.areaCode)?.level === SENDER_LEVEL[j.role];
}

/**
 * Whether a notice sent from `fromArea` reaches an officer of `officerArea`:
 * `fromArea` lies on the path from the division down to the officer's area,
 * and is not the area itself (an office does not send to its own level).
 * @example noticeReaches('ds35', 'un3540') // true when un3540 is a union of district ds35
 * @example noticeReaches('up387', 'up387') // false
 */
export function noticeReaches(fromArea: string, officerArea: string): boolean {
  if (fromArea === officerArea) return false;
  return pathOf(officerArea).some((p) => p.code === fromArea);
}

/** The areas a notice from `fromArea` can reach: every place below it, at any depth. */
export function areasUnder(fromArea: string): string[] {
  const out: string[] = [];
  const walk = (code: string): void => {
    for (const child of childrenOf(code)) {
      out.push(child.code);
      walk(child.code);
    }
  };
  if (placeByCode(fromArea)) walk(fromArea);
  return out;
}

/** The areas whose notices an officer of `area` receives: those above it, up to its district. */
export function areasAbove(area: string): string[] {
  return pathOf(area)
    .slice(0, -1)
    .map((p) => p.code);
}

// ── What an officer types ─────────────────────────────────────────────────

export const NOTICE_FIELDS = ['kind', 'title', 'body'] as const;
export type NoticeField = (typeof NOTICE_FIELDS)[number];

/** Why a field was refused; `notices:problem.<field>_<reason>` says it to the officer. */
export type NoticeProblem = { field: NoticeField; reason: 'required' | 'too_long' | 'unknown' };

export interface NoticeInput {
  kind: NoticeKind;
  title: string;
  body: string;
}

// A title is one line: control characters and line breaks become spaces, runs of space one.
const oneLine = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ')
    .trim();
// A body keeps its lines (at most two blank ones in a row); other control characters go.
const lines = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[^\P{Cc}\n]/gu, '')
    .replace(/[ \u00a0]+$/gm, '')
    .replace(/\n{4,}/g, '\n\n\n')
    .trim();

const text = (tidy: (s: string) => string, max: number) =>
  z
    .string()
    .transform(tidy)
    .pipe(z.string().min(1, { error: 'required' }).max(max, { error: 'too_long' }));

export const NoticeInputSchema = z.strictObject({
  kind: z.enum(NOTICE_KINDS, { error: 'unknown' }),
  title: text(oneLine, NOTICE_TITLE_MAX),
  body: text(lines, NOTICE_BODY_MAX),
});

/**
 * A notice as the form gave it, tidied, or every field that is wrong.
 * @example readNotice({ kind: 'instruction', title: '  Verify  lists ', body: 'By Thursday.' })
 * // { ok: true, notice: { kind: 'instruction', title: 'Verify lists', body: 'By Thursday.' } }
 */
export function readNotice(input: Record<NoticeField, string>): { ok: true; notice: NoticeInput } | { ok: false; problems: NoticeProblem[] } {
  const parsed = NoticeInputSchema.safeParse(input);
  if (parsed.success) return { ok: true, notice: parsed.data };
  const problems = parsed.error.issues.flatMap((issue): NoticeProblem[] => {
    const field = NOTICE_FIELDS.find((f) => f === issue.path[0]);
    if (!field) return [];
    const reason = field === 'kind' ? 'unknown' : issue.message === 'too_long' ? 'too_long' : 'required';
    return [{ field, reason }];
  });
  // One problem per field: the first said is enough.
  return { ok: false, problems: problems.filter((p, i) => problems.findIndex((q) => q.field === p.field) === i) };
}
