import { evaluateEligibility, FIELD_ORDER } from './evaluate.ts';
import type { Profile, ProfileField } from './profile.ts';
import type { Catalogue } from './schema.ts';

/**
 * The next question to ask: `subject` first, then the first field (in `FIELD_ORDER`)
 * that some still-open verdict lists as `missing`. `null` when every programme is
 * decided, or cannot be decided whatever is asked — the questionnaire stops there.
 * Pure; amounts do not matter here, so the catalogue's default fiscal year is used.
 * @example
 * nextQuestion({ subject: 'self', age: 70, sex: 'female' }, catalogue) // 'maritalStatus'
 * nextQuestion({ subject: 'self', age: 30, sex: 'male', hasDisability: false, illness: 'none', community: 'none' }, catalogue) // null
 */
export function nextQuestion(profile: Profile, catalogue: Catalogue): ProfileField | null {
  return questionsAhead(profile, catalogue).next;
}

/**
 * The next question and every field still open, from one evaluation: for a
 * caller that needs both (the questionnaire groups rare questions together).
 */
export function questionsAhead(profile: Profile, catalogue: Catalogue): { next: ProfileField | null; open: ProfileField[] } {
  if (profile.subject === undefined) return { next: 'subject', open: [] };
  const open = openQuestions(profile, catalogue);
  return { next: open[0] ?? null, open };
}

/**
 * Every field some still-open verdict needs, in `FIELD_ORDER`: what may yet be
 * asked (a later answer can make some of them moot). Lets rare questions be asked together.
 * @example
 * openQuestions({ subject: 'self', age: 70, sex: 'male' }, catalogue) // ['hasDisability', 'illness', …, 'permanentResident']
 */
export function openQuestions(profile: Profile, catalogue: Catalogue): ProfileField[] {
  const verdicts = evaluateEligibility(profile, catalogue, { fiscalYear: defaultFiscalYear(catalogue) });
  const open = new Set(verdicts.flatMap((v) => v.missing));
  return FIELD_ORDER.filter((field) => open.has(field));
}

/**
 * The fiscal year quoted unless told otherwise: the catalogue's first.
 * @example defaultFiscalYear(catalogue) // '2025-26'
 */
export function defaultFiscalYear(catalogue: Catalogue): string {
  const fy = catalogue.fiscalYears[0];
  if (fy === undefined) throw new Error('catalogue has no fiscal year');
  return fy;
}
