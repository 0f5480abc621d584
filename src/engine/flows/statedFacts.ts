import type { Profile, ProfileField } from '../../domain/programmes/profile.ts';
import type { StatedFacts, StatedIncome } from '../facts.ts';
import type { EligibilityFlow } from '../session.ts';
import type { ReplyLine } from '../types.ts';

/** The choice ids of the read-back question. */
export const READ_BACK = 'readback';
export const READ_BACK_CHOICES = [
  { id: 'rb.ok', key: 'eligibility:choice.rb.ok' },
  { id: 'rb.change', key: 'eligibility:choice.rb.change' },
];

const PER_YEAR: Record<StatedIncome['period'], number | null> = { day: null, week: 52, month: 12, year: 1 };

/** The profile fields a message's facts give, in the profile's terms; a day's wage needs the days of work, so it is left to the question. */
function asProfile(facts: StatedFacts, subject: Profile['subject']): Partial<Profile> {
  const p: Partial<Profile> = {};
  const who = facts.subject ?? subject;
  if (facts.subject) p.subject = facts.subject;
  if (facts.age !== undefined) p.age = facts.age;
  if (facts.sex) p.sex = facts.sex;
  if (facts.maritalStatus) p.maritalStatus = facts.maritalStatus;
  if (facts.hasDisability !== undefined) p.hasDisability = facts.hasDisability;
  if (facts.hasSubornoCard !== undefined) p.hasSubornoCard = facts.hasSubornoCard;
  if (facts.isStudent !== undefined) p.isStudent = facts.isStudent;
  if (facts.illness) p.illness = facts.illness;
  if (facts.receivesOtherAllowance !== undefined) p.receivesOtherAllowance = facts.receivesOtherAllowance;
  if (facts.govtServiceOrPension !== undefined) p.govtServiceOrPension = facts.govtServiceOrPension;
  const income = subjectIncome(facts, who);
  if (income) {
    const factor = PER_YEAR[income.period];
    if (income.amount === 0) p.annualIncome = 0;
    else if (factor !== null) p.annualIncome = income.amount * factor;
  }
  return p;
}

/** The subject's own income: a writer asking for themselves earns their own; a son's wage is never his mother's. */
function subjectIncome(facts: StatedFacts, subject: Profile['subject']): StatedIncome | undefined {
  if (facts.income) return facts.income;
  if (subject === 'self') return facts.otherIncomes?.find((i) => i.whose === 'writer');
  return undefined;
}

/** The answers a sentence would change (not fill): what `applyStated` would report as corrected. */
export function correctedBy(flow: EligibilityFlow, facts: StatedFacts): ProfileField[] {
  const values = asProfile(facts, flow.profile.subject);
  return (Object.keys(values) as ProfileField[]).filter((f) => values[f] !== undefined && flow.profile[f] !== undefined && flow.profile[f] !== values[f]);
}

/**
 * Lays what a sentence said over the questionnaire: new facts fill questions
 * still to come (which are then skipped), a different value for one already
 * answered corrects it. Returns which fields were filled and which corrected.
 */
export function applyStated(flow: EligibilityFlow, facts: StatedFacts): { filled: ProfileField[]; corrected: ProfileField[] } {
  const values = asProfile(facts, flow.profile.subject);
  const filled: ProfileField[] = [];
  const corrected: ProfileField[] = [];
  for (const [field, value] of Object.entries(values) as Array<[ProfileField, Profile[ProfileField]]>) {
    if (value === undefined) continue;
    const before = flow.profile[field];
    if (before === value) continue;
    Object.assign(flow.profile, { [field]: value });
    (before === undefined ? filled : corrected).push(field);
    if (!flow.answered.includes(field)) flow.answered.push(field);
    flow.stated = [...new Set([...(flow.stated ?? []), field])];
  }
  if (facts.relation && facts.relation !== 'self') flow.relation = facts.relation;
  const income = subjectIncome(facts, flow.profile.subject);
  if (income && values.annualIncome !== undefined) flow.statedIncome = { ...income, whose: 'subject' };
  const others = (facts.otherIncomes ?? []).filter((i) => i !== income);
  if (others.length > 0) flow.otherIncomes = others;
  return { filled, corrected };
}

/** What was taken from the person's sentences, one plain line each, for "ঠিক আছে?". */
export function readBackLines(flow: EligibilityFlow): ReplyLine[] {
  const p = flow.profile;
  const stated = new Set(flow.stated ?? []);
  const lines: ReplyLine[] = [];
  const add = (key: string, params?: ReplyLine['params']): void => void lines.push({ key, bullet: true, ...(params ? { params } : {}) });
  if (flow.relation) add(`eligibility:readback.relation.${flow.relation}`);
  else if (stated.has('subject') && p.subject) add(`eligibility:choice.subj.${p.subject}`);
  if (stated.has('age') && p.age !== undefined) add('eligibility:readback.age', { age: p.age });
  if (stated.has('sex') && p.sex) add(`eligibility:choice.sex.${p.sex}`);
  if (stated.has('maritalStatus') && p.maritalStatus) add(`eligibility:readback.marital.${p.maritalStatus}`);
  if (stated.has('hasDisability') && p.hasDisability !== undefined) add(`eligibility:readback.disability.${p.hasDisability ? 'yes' : 'no'}`);
  if (stated.has('hasSubornoCard') && p.hasSubornoCard !== undefined) add(`eligibility:readback.suborno.${p.hasSubornoCard ? 'yes' : 'no'}`);
  if (stated.has('isStudent') && p.isStudent !== undefined) add(`eligibility:readback.student.${p.isStudent ? 'yes' : 'no'}`);
  if (stated.has('illness') && p.illness) add(`eligibility:readback.illness.${p.illness}`);
  if (stated.has('annualIncome') && p.annualIncome !== undefined) {
    const said = flow.statedIncome;
    if (p.annualIncome === 0) add('eligibility:readback.income.none');
    else if (said) add(`eligibility:readback.income.${said.period}`, { amount: said.amount });
    else add('eligibility:readback.income.year', { amount: p.annualIncome });
  }
  for (const other of flow.otherIncomes ?? []) add(`eligibility:readback.other_income.${other.period}`, { amount: other.amount });
  if (stated.has('receivesOtherAllowance') && p.receivesOtherAllowance !== undefined) add(`eligibility:readback.allowance.${p.receivesOtherAllowance ? 'yes' : 'no'}`);
  if (stated.has('govtServiceOrPension') && p.govtServiceOrPension !== undefined) add(`eligibility:readback.pension.${p.govtServiceOrPension ? 'yes' : 'no'}`);
  return lines;
}

/** Forgets what was taken from sentences, so those questions are asked one by one instead. */
export function forgetStated(flow: EligibilityFlow): void {
  for (const field of flow.stated ?? []) {
    delete flow.profile[field as ProfileField];
    flow.answered = flow.answered.filter((f) => f !== field);
  }
  delete flow.stated;
  delete flow.relation;
  delete flow.statedIncome;
  delete flow.otherIncomes;
}
