import type { DisagreementCode } from './schema.ts';

/**
 * Every reason the eligibility rules can give, with its kind:
 * - `met`: a condition that holds (shown to explain a "likely eligible");
 * - `unmet`: a condition that fails (why "not eligible");
 * - `unknown`: the rule itself is not known, so we cannot tell;
 * - `note`: something to know before applying.
 * The text is `programmes:reason.<code>` in both locale files.
 */
export const REASONS = {
  age_at_least_met: 'met',
  age_at_least_unmet: 'unmet',
  age_over_met: 'met',
  age_over_unmet: 'unmet',
  oaa_age_hijra_unclear: 'unknown',
  bede_age_unknown: 'unknown',
  age_rule_unknown: 'unknown',
  income_below_met: 'met',
  income_below_unmet: 'unmet',
  income_at_most_met: 'met',
  income_at_most_unmet: 'unmet',
  per_capita_income_below_met: 'met',
  per_capita_income_below_unmet: 'unmet',
  per_capita_income_at_most_met: 'met',
  per_capita_income_at_most_unmet: 'unmet',
  govt_service_or_pension: 'unmet',
  other_allowance: 'unmet',
  not_permanent_resident: 'unmet',
  women_only: 'unmet',
  widowed: 'met',
  deserted: 'met',
  not_widowed_or_deserted: 'unmet',
  no_disability: 'unmet',
  suborno_card: 'met',
  no_suborno_card: 'unmet',
  not_student: 'unmet',
  recognised_institution: 'note',
  hijra_only: 'unmet',
  hijra_insolvent_committee: 'note',
  bede_community: 'met',
  not_bede_or_backward: 'unmet',
  listed_illness: 'met',
  no_listed_illness: 'unmet',
  physician_certificate: 'note',
  patient_poor_committee: 'note',
  only_one_allowance: 'note',
} as const satisfies Record<string, ReasonKind>;

export type ReasonKind = 'met' | 'unmet' | 'unknown' | 'note';
export type ReasonCode = keyof typeof REASONS;
export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];

export interface Reason {
  code: ReasonCode;
  kind: ReasonKind;
  /** i18next interpolation values for `programmes:reason.<code>` (amounts, ages, ceilings). */
  params?: Record<string, string | number>;
}

/** Builds a reason with its kind. */
export function reason(code: ReasonCode, params?: Record<string, string | number>): Reason {
  return params ? { code, kind: REASONS[code], params } : { code, kind: REASONS[code] };
}

/**
 * The i18n key of a reason's text.
 * @example reasonKey('no_suborno_card') // "programmes:reason.no_suborno_card"
 */
export function reasonKey(code: ReasonCode): string {
  return `programmes:reason.${code}`;
}

/**
 * The i18n key of a disagreement's text (params: see `disagreementParams`).
 * @example disagreementKey('oaa_income_ceiling') // "programmes:disagreement.oaa_income_ceiling"
 */
export function disagreementKey(code: DisagreementCode): string {
  return `programmes:disagreement.${code}`;
}
