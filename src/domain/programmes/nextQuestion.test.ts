import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue.ts';
import { evaluateEligibility, FIELD_ORDER } from './evaluate.ts';
import { nextQuestion } from './nextQuestion.ts';
import type { Profile, ProfileField } from './profile.ts';
import { randomProfiles } from './testProfiles.ts';

/** Runs the questionnaire against someone's true answers; returns what was asked and what was learnt. */
function interview(truth: Required<Profile>): { asked: ProfileField[]; profile: Profile } {
  const profile: Profile = {};
  const asked: ProfileField[] = [];
  for (let field = nextQuestion(profile, catalogue); field !== null; field = nextQuestion(profile, catalogue)) {
    if (asked.includes(field)) throw new Error(`asked ${field} twice`);
    asked.push(field);
    Object.assign(profile, { [field]: truth[field] });
  }
  return { asked, profile };
}

/** A complete profile; the fields that should not matter are filled with "yes" answers to catch leaks. */
const person = (p: Partial<Required<Profile>>): Required<Profile> => ({
  subject: 'self',
  age: 30,
  sex: 'male',
  maritalStatus: 'married',
  hasDisability: false,
  hasSubornoCard: true,
  isStudent: true,
  educationLevel: 'primary',
  illness: 'none',
  community: 'none',
  annualIncome: 100000,
  govtServiceOrPension: false,
  receivesOtherAllowance: false,
  permanentResident: true,
  ...p,
});

describe('nextQuestion', () => {
  it('asks who it is for first, then the age', () => {
    expect(nextQuestion({}, catalogue)).toBe('subject');
    expect(nextQuestion({ age: 70, sex: 'female' }, catalogue)).toBe('subject');
    expect(nextQuestion({ subject: 'other' }, catalogue)).toBe('age');
  });

  it('a 30-year-old man with no disability, illness or community: stops without asking income', () => {
    const { asked } = interview(person({}));
    expect(asked).toEqual(['subject', 'age', 'sex', 'hasDisability', 'illness', 'community']);
    expect(asked).not.toContain('annualIncome');
  });

  it('a 70-year-old woman is asked her marital status next', () => {
    expect(nextQuestion({ subject: 'self', age: 70, sex: 'female' }, catalogue)).toBe('maritalStatus');
  });

  it('a man of 64 is never asked his marital status', () => {
    expect(nextQuestion({ subject: 'self', age: 64, sex: 'male' }, catalogue)).toBe('hasDisability');
    expect(interview(person({ age: 64 })).asked).not.toContain('maritalStatus');
  });

  it('asks the education level only of a disabled student with a card', () => {
    expect(interview(person({ hasDisability: true, hasSubornoCard: true, isStudent: true, age: 12 })).asked).toContain(
      'educationLevel',
    );
    expect(interview(person({ hasDisability: true, hasSubornoCard: false, age: 12 })).asked).not.toContain('isStudent');
    expect(interview(person({ hasDisability: true, isStudent: false, age: 12 })).asked).not.toContain('educationLevel');
  });

  it('an elderly Bede woman: the questionnaire ends, with Bede left as "cannot tell"', () => {
    const truth = person({ age: 72, sex: 'female', maritalStatus: 'widowed', community: 'bede', annualIncome: 4000 });
    const { profile } = interview(truth);
    const bede = evaluateEligibility(profile, catalogue, { fiscalYear: '2025-26' }).find((v) => v.programmeId === 'bede');
    expect(bede?.status).toBe('cannot_tell');
    expect(bede?.missing).toEqual([]);
  });

  it('returns null once every programme is decided', () => {
    const done: Profile = { ...person({}) };
    expect(nextQuestion(done, catalogue)).toBeNull();
  });

  describe('for anyone (400 generated people)', () => {
    const people = randomProfiles(400, 7);

    it('asks in the fixed order, never twice, and stops', () => {
      for (const truth of people) {
        const { asked } = interview(truth);
        const positions = asked.map((f) => FIELD_ORDER.indexOf(f));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }
    });

    it('stopping early gives the same answers as asking everything', () => {
      for (const truth of people) {
        const { profile } = interview(truth);
        const early = evaluateEligibility(profile, catalogue, { fiscalYear: '2025-26' });
        const full = evaluateEligibility(truth, catalogue, { fiscalYear: '2025-26' });
        // Same status everywhere; same amount wherever it is worth quoting.
        const answer = (v: (typeof full)[number]): unknown[] => [
          v.programmeId,
          v.status,
          v.status === 'not_eligible' ? null : v.amount.taka,
        ];
        expect(early.map(answer)).toEqual(full.map(answer));
        expect(early.every((v) => v.missing.length === 0)).toBe(true);
      }
    });
  });
});

