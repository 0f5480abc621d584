import type { EducationLevel, Profile, ProfileField, Sex } from './profile.ts';
import { reason, type Reason, type ReasonCode } from './reasons.ts';
import type {
  AgeRule,
  Catalogue,
  DisagreementCode,
  IncomeCeiling,
  Programme,
  ProgrammeId,
  ProgrammeOf,
} from './schema.ts';

export type VerdictStatus = 'likely_eligible' | 'not_eligible' | 'cannot_tell';

export interface VerdictAmount {
  kind: 'monthly' | 'one_off' | 'monthly_by_level';
  /** For `monthly_by_level`: the level's rate, or the lowest rate while the level is not known. */
  taka: number;
  fiscalYear: string;
  /** From the budget proposal, not a passed budget. */
  proposed: boolean;
  /** No figure for this year was found; the earlier rate is assumed. */
  inferred: boolean;
  sources: string[];
  /** `monthly_by_level` only: the person's level, once known. */
  level?: EducationLevel;
  /** `monthly_by_level` only: every level's rate. */
  byLevel?: Record<EducationLevel, number>;
}

/** What the rules say about one programme for one person. */
export interface Verdict {
  programmeId: ProgrammeId;
  status: VerdictStatus;
  /** Why: failing conditions for `not_eligible`; conditions met, unknown rules and notes otherwise. */
  reasons: Reason[];
  /**
   * Profile fields whose answer would still decide this verdict, in asking order.
   * Empty when decided, or when no answer can decide it (an unknown rule).
   * For the stipend it can also hold `educationLevel`, which decides the amount.
   */
  missing: ProfileField[];
  amount: VerdictAmount;
  /** Codes of source disagreements behind the figures this verdict rests on (`programmes:disagreement.<code>`). */
  disagreements: DisagreementCode[];
}

export interface EvaluateOptions {
  /** Fiscal year whose amounts to quote, e.g. "2025-26". It must be in the catalogue. */
  fiscalYear: string;
}

/** The order questions are asked in; `missing` lists follow it. */
export const FIELD_ORDER = [
  'subject',
  'age',
  'sex',
  'maritalStatus',
  'hasDisability',
  'hasSubornoCard',
  'isStudent',
  'educationLevel',
  'illness',
  'community',
  'annualIncome',
  'govtServiceOrPension',
  'receivesOtherAllowance',
  'permanentResident',
] as const satisfies readonly ProfileField[];

// Compile-time: FIELD_ORDER names every profile field.
type Unordered = Exclude<ProfileField, (typeof FIELD_ORDER)[number]>;
const everyFieldOrdered: Unordered extends never ? true : never = true;
void everyFieldOrdered;

/**
 * Checks a person against every programme in the catalogue. Pure: same input, same answer.
 * A field left out of `profile` is "not asked yet"; a verdict that needs it says `cannot_tell`
 * and lists it in `missing`.
 * @example
 * const verdicts = evaluateEligibility({ age: 70, sex: 'female', annualIncome: 6000 }, catalogue, { fiscalYear: '2025-26' });
 * verdicts.find((v) => v.programmeId === 'old_age')?.missing // ['govtServiceOrPension', 'receivesOtherAllowance', 'permanentResident']
 */
export function evaluateEligibility(profile: Profile, catalogue: Catalogue, options: EvaluateOptions): Verdict[] {
  const { fiscalYear } = options;
  if (!catalogue.fiscalYears.includes(fiscalYear)) {
    throw new RangeError(`no amounts for FY${fiscalYear} (catalogue has ${catalogue.fiscalYears.join(', ')})`);
  }
  const verdicts = catalogue.programmes.map((programme) => judge(programme, profile, catalogue, fiscalYear));

  // One person gets only one regular allowance: say so on each that fits.
  const group = catalogue.oneAllowanceOnly.programmes;
  const likely = verdicts.filter((v) => v.status === 'likely_eligible' && group.includes(v.programmeId));
  if (likely.length > 1) for (const v of likely) v.reasons.push(reason('only_one_allowance'));
  return verdicts;
}

/** The outcome of one condition. `topics` name the figures a disagreement may be about. */
interface Check {
  outcome: 'pass' | 'fail' | 'missing' | 'unknown';
  reasons: Reason[];
  missing: ProfileField[];
  topics: Topic[];
}
/** A disputed figure this check used, and whether the person would pass with another value of it. */
interface Topic {
  topic: 'income' | 'age_female';
  passesAt: (threshold: number) => boolean;
}

const pass = (reasons: Reason[] = [], topics: Topic[] = []): Check => ({ outcome: 'pass', reasons, missing: [], topics });
const fail = (reasons: Reason[], topics: Topic[] = []): Check => ({ outcome: 'fail', reasons, missing: [], topics });
const missing = (...fields: ProfileField[]): Check => ({ outcome: 'missing', reasons: [], missing: fields, topics: [] });
const unknown = (reasons: Reason[]): Check => ({ outcome: 'unknown', reasons, missing: [], topics: [] });

function judge(programme: Programme, profile: Profile, catalogue: Catalogue, fiscalYear: string): Verdict {
  const { checks, notes } = conditionsOf(programme, profile);
  const amount = amountFor(programme, fiscalYear, profile);

  const failed = checks.filter((c) => c.outcome === 'fail');
  let status: VerdictStatus;
  let shown: Check[];
  let needed: ProfileField[] = [];
  if (failed.length > 0) {
    status = 'not_eligible';
    shown = failed;
  } else {
    needed = checks.flatMap((c) => c.missing);
    status = needed.length > 0 || checks.some((c) => c.outcome === 'unknown') ? 'cannot_tell' : 'likely_eligible';
    shown = checks;
    // The stipend's amount depends on the level: worth asking while the answer is still open.
    if (amount.kind === 'monthly_by_level' && profile.educationLevel === undefined) needed.push('educationLevel');
  }
  const reasons = shown.flatMap((c) => c.reasons);
  if (status !== 'not_eligible') reasons.push(...notes);

  // A disagreement is worth mentioning when another source's figure would turn a shown condition round.
  const shownTopics = shown.flatMap((c) => c.topics.map((t) => ({ ...t, passed: c.outcome === 'pass' })));
  const disagreements = catalogue.disagreements
    .filter((d) => d.programmeId === programme.id)
    .filter((d) => {
      if (d.topic === 'amount') return status !== 'not_eligible' && (d.fiscalYears ?? []).includes(fiscalYear);
      return shownTopics.some(
        (t) =>
          t.topic === d.topic &&
          d.positions.some((pos) => pos.status !== 'used' && t.passesAt(pos.value) !== t.passed),
      );
    })
    .map((d) => d.code);

  return { programmeId: programme.id, status, reasons, missing: inAskingOrder(needed), amount, disagreements };
}

function inAskingOrder(fields: ProfileField[]): ProfileField[] {
  const set = new Set(fields);
  return FIELD_ORDER.filter((f) => set.has(f));
}

function conditionsOf(programme: Programme, profile: Profile): { checks: Check[]; notes: Reason[] } {
  switch (programme.id) {
    case 'old_age':
      return oldAge(programme, profile);
    case 'widow':
      return widow(programme, profile);
    case 'disability':
      return disability(programme, profile);
    case 'disability_stipend':
      return stipend(programme, profile);
    case 'hijra':
      return hijra(programme, profile);
    case 'bede':
      return bede(programme, profile);
    case 'patient_assistance':
      return patient(programme, profile);
  }
}

function oldAge(p: ProgrammeOf<'old_age'>, profile: Profile): { checks: Check[]; notes: Reason[] } {
  const r = p.rules;
  return {
    checks: [
      ageBySex(profile, r.minAge),
      incomeCheck(profile.annualIncome, r.income),
      notGovtServiceOrPension(profile),
      noOtherAllowance(profile),
      permanentResident(profile),
    ],
    notes: [],
  };
}

function widow(p: ProgrammeOf<'widow'>, profile: Profile): { checks: Check[]; notes: Reason[] } {
  const r = p.rules;
  const years = r.maritalStatuses.desertedMinYears;
  const sex =
    profile.sex === undefined ? missing('sex') : profile.sex === 'female' ? pass() : fail([reason('women_only')]);
  const marital =
    profile.maritalStatus === undefined
      ? missing('maritalStatus')
      : r.maritalStatuses.values.includes(profile.maritalStatus)
        ? pass([profile.maritalStatus === 'deserted' ? reason('deserted', { years }) : reason('widowed')])
        : fail([reason('not_widowed_or_deserted', { years })]);
  return {
    checks: [
      sex,
      marital,
      ageCheck(profile.age, r.minAge, 'age_rule_unknown'),
      incomeCheck(profile.annualIncome, r.income),
      notGovtServiceOrPension(profile),
      noOtherAllowance(profile),
    ],
    notes: [],
  };
}

function disability(p: ProgrammeOf<'disability'>, profile: Profile): { checks: Check[]; notes: Reason[] } {
  const r = p.rules;
  return {
    checks: [
      hasDisability(profile),
      subornoCard(profile),
      ageCheck(profile.age, r.minAge, 'age_rule_unknown'),
      incomeCheck(profile.annualIncome, r.income),
      permanentResident(profile),
    ],
    notes: [],
  };
}

function stipend(p: ProgrammeOf<'disability_stipend'>, profile: Profile): { checks: Check[]; notes: Reason[] } {
  const r = p.rules;
  const student =
    profile.isStudent === undefined ? missing('isStudent') : profile.isStudent ? pass() : fail([reason('not_student')]);
  return {
    checks: [
      hasDisability(profile),
      subornoCard(profile),
      student,
      ageCheck(profile.age, r.minAge, 'age_rule_unknown'),
      incomeCheck(profile.annualIncome, r.income),
    ],
    notes: [reason('recognised_institution')],
  };
}

function hijra(p: ProgrammeOf<'hijra'>, profile: Profile): { checks: Check[]; notes: Reason[] } {
  const r = p.rules;
  const sex = profile.sex === undefined ? missing('sex') : profile.sex === 'hijra' ? pass() : fail([reason('hijra_only')]);
  return {
    checks: [sex, ageCheck(profile.age, r.minAge, 'age_rule_unknown')],
    notes: [reason('hijra_insolvent_committee')],
  };
}

function bede(p: ProgrammeOf<'bede'>, profile: Profile): { checks: Check[]; notes: Reason[] } {
  const r = p.rules;
  const community =
    profile.community === undefined
      ? missing('community')
      : r.communities.values.includes(profile.community)
        ? pass([reason('bede_community')])
        : fail([reason('not_bede_or_backward')]);
  return { checks: [community, ageCheck(profile.age, r.minAge, 'bede_age_unknown')], notes: [] };
}

function patient(p: ProgrammeOf<'patient_assistance'>, profile: Profile): { checks: Check[]; notes: Reason[] } {
  const r = p.rules;
  const illness =
    profile.illness === undefined
      ? missing('illness')
      : r.illnesses.values.includes(profile.illness)
        ? pass([reason('listed_illness')])
        : fail([reason('no_listed_illness')]);
  return { checks: [illness], notes: [reason('physician_certificate'), reason('patient_poor_committee')] };
}

// ---- conditions shared by programmes ----

/**
 * One age rule. An unknown rule with a known range [lo, hi] still decides below lo
 * and at hi or over; an unknown rule without a range decides nothing, so the age
 * is not worth asking for it.
 */
function ageCheck(age: number | undefined, rule: AgeRule, unknownCode: ReasonCode, topic?: Topic['topic']): Check {
  if (rule.known) {
    if (age === undefined) return missing('age');
    const comparison = rule.comparison;
    const topics: Topic[] = topic
      ? [{ topic, passesAt: (t) => (comparison === 'at_least' ? age >= t : age > t) }]
      : [];
    if (comparison === 'at_least') {
      return age >= rule.value
        ? pass([reason('age_at_least_met', { age, min: rule.value })], topics)
        : fail([reason('age_at_least_unmet', { age, min: rule.value })], topics);
    }
    return age > rule.value
      ? pass([reason('age_over_met', { age, limit: rule.value })], topics)
      : fail([reason('age_over_unmet', { age, limit: rule.value })], topics);
  }
  if (rule.between === undefined) return unknown([reason(unknownCode, age === undefined ? undefined : { age })]);
  if (age === undefined) return missing('age');
  const [low, high] = rule.between;
  if (age < low) return fail([reason('age_at_least_unmet', { age, min: low })]);
  if (age >= high) return pass([reason('age_at_least_met', { age, min: high })]);
  return unknown([reason(unknownCode, { age, low, high })]);
}

/** Old age allowance: the age rule depends on sex. While sex is unknown, it decides only if every sex agrees. */
function ageBySex(profile: Profile, minAge: ProgrammeOf<'old_age'>['rules']['minAge']): Check {
  const one = (sex: Sex): Check =>
    ageCheck(profile.age, minAge[sex], 'oaa_age_hijra_unclear', sex === 'female' ? 'age_female' : undefined);
  if (profile.sex !== undefined) return one(profile.sex);
  if (profile.age === undefined) return missing('age', 'sex');
  const each = (['male', 'female', 'hijra'] as const).map(one);
  const byMin = (a: Check, b: Check): number => minOf(a) - minOf(b);
  if (each.every((c) => c.outcome === 'pass')) {
    // Old enough under every reading: quote the highest age rule.
    const top = [...each].sort(byMin).at(-1);
    return pass(top?.reasons ?? []);
  }
  if (each.every((c) => c.outcome === 'fail')) {
    // Too young under every reading: quote the lowest age rule.
    const bottom = [...each].sort(byMin).at(0);
    return fail(bottom?.reasons ?? []);
  }
  return missing('sex');
}

function minOf(check: Check): number {
  const min = check.reasons[0]?.params?.['min'];
  return typeof min === 'number' ? min : 0;
}

const INCOME_CODES = {
  annual: {
    below: { met: 'income_below_met', unmet: 'income_below_unmet' },
    at_most: { met: 'income_at_most_met', unmet: 'income_at_most_unmet' },
  },
  per_capita_family: {
    below: { met: 'per_capita_income_below_met', unmet: 'per_capita_income_below_unmet' },
    at_most: { met: 'per_capita_income_at_most_met', unmet: 'per_capita_income_at_most_unmet' },
  },
} as const satisfies Record<IncomeCeiling['basis'], Record<IncomeCeiling['comparison'], Record<'met' | 'unmet', ReasonCode>>>;

function incomeCheck(income: number | undefined, ceiling: IncomeCeiling): Check {
  if (income === undefined) return missing('annualIncome');
  const ok = ceiling.comparison === 'below' ? income < ceiling.value : income <= ceiling.value;
  const codes = INCOME_CODES[ceiling.basis][ceiling.comparison];
  const r = reason(ok ? codes.met : codes.unmet, { income, ceiling: ceiling.value });
  const topics: Topic[] = [
    { topic: 'income', passesAt: (t) => (ceiling.comparison === 'below' ? income < t : income <= t) },
  ];
  return ok ? pass([r], topics) : fail([r], topics);
}

function notGovtServiceOrPension(profile: Profile): Check {
  if (profile.govtServiceOrPension === undefined) return missing('govtServiceOrPension');
  return profile.govtServiceOrPension ? fail([reason('govt_service_or_pension')]) : pass();
}

function noOtherAllowance(profile: Profile): Check {
  if (profile.receivesOtherAllowance === undefined) return missing('receivesOtherAllowance');
  return profile.receivesOtherAllowance ? fail([reason('other_allowance')]) : pass();
}

function permanentResident(profile: Profile): Check {
  if (profile.permanentResident === undefined) return missing('permanentResident');
  return profile.permanentResident ? pass() : fail([reason('not_permanent_resident')]);
}

function hasDisability(profile: Profile): Check {
  if (profile.hasDisability === undefined) return missing('hasDisability');
  return profile.hasDisability ? pass() : fail([reason('no_disability')]);
}

/** No card yet is "not yet": the reason tells them how to get identified and carded. */
function subornoCard(profile: Profile): Check {
  if (profile.hasSubornoCard === undefined) return missing('hasSubornoCard');
  return profile.hasSubornoCard ? pass([reason('suborno_card')]) : fail([reason('no_suborno_card')]);
}

function amountFor(programme: Programme, fiscalYear: string, profile: Profile): VerdictAmount {
  const a = programme.amounts.find((x) => x.fiscalYear === fiscalYear);
  if (a === undefined) throw new RangeError(`${programme.id}: no amount for FY${fiscalYear}`);
  const base = { fiscalYear, proposed: a.proposed, inferred: a.inferred, sources: [...a.sources] };
  if (a.kind !== 'monthly_by_level') return { kind: a.kind, taka: a.taka, ...base };
  const byLevel = { ...a.byLevel };
  const level = profile.educationLevel;
  if (level !== undefined) return { kind: a.kind, taka: byLevel[level], level, byLevel, ...base };
  return { kind: a.kind, taka: Math.min(...Object.values(byLevel)), byLevel, ...base };
}
