import { z } from 'zod';
import { parseOfficePhone } from './officePhone.ts';

/*
 * What an office keeps about itself for its charter page: its address, its
 * hours and its phone, each optional (empty means "not given yet"). Checked
 * here, where the form's text comes in.
 */

export const ADDRESS_MAX = 300;
export const HOURS_MAX = 120;
/** Longer than any way of writing a number (+880 and 11 digits, spaced): refused unread. */
export const PHONE_MAX = 40;

export const OFFICE_FIELDS = ['address', 'hours', 'phone'] as const;
export type OfficeField = (typeof OFFICE_FIELDS)[number];

export interface OfficeDetails {
  address: string | null;
  hours: string | null;
  /** "+88" and the national number. */
  phone: string | null;
}

/** Why a field was refused; `charter:office.problem.<field>_<reason>` says it to the officer. */
export type OfficeProblem = { field: OfficeField; reason: 'too_long' | 'not_a_phone' };

// Control characters and line breaks become spaces, runs of space one: the page shows each value on a line of its own.
const tidy = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ')
    .trim();

const text = (max: number) =>
  z
    .string()
    .transform(tidy)
    .pipe(z.string().max(max, { error: 'too_long' }))
    .transform((s) => (s === '' ? null : s));

const phone = z
  .string()
  .transform(tidy)
  .transform((s, ctx) => {
    if (s === '') return null;
    const parsed = s.length <= PHONE_MAX ? parseOfficePhone(s) : ({ ok: false } as const);
    if (parsed.ok) return parsed.stored;
    ctx.addIssue({ code: 'custom', message: 'not_a_phone' });
    return z.NEVER;
  });

export const OfficeDetailsSchema = z.strictObject({ address: text(ADDRESS_MAX), hours: text(HOURS_MAX), phone });

/**
 * The office's details from the form, or every field that is wrong.
 * @example readOfficeDetails({ address: ' Upazila Parishad  Complex ', hours: '', phone: '০১৭১২৩৪৫৬৭৮' })
 * // { ok: true, details: { address: 'Upazila Parishad Complex', hours: null, phone: '+8801712345678' } }
 */
export function readOfficeDetails(input: Record<OfficeField, string>): { ok: true; details: OfficeDetails } | { ok: false; problems: OfficeProblem[] } {
  const parsed = OfficeDetailsSchema.safeParse(input);
  if (parsed.success) return { ok: true, details: parsed.data };
  const problems = parsed.error.issues.flatMap((issue): OfficeProblem[] => {
    const field = OFFICE_FIELDS.find((f) => f === issue.path[0]);
    if (!field) return [];
    return [{ field, reason: field === 'phone' ? 'not_a_phone' : 'too_long' }];
  });
  return { ok: false, problems };
}

/** The fields whose value differs. */
export function changedFields(before: OfficeDetails, after: OfficeDetails): OfficeField[] {
  return OFFICE_FIELDS.filter((f) => before[f] !== after[f]);
}
