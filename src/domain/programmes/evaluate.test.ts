import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue.ts';
import { evaluateEligibility, type Verdict } from './evaluate.ts';
import type { Profile } from './profile.ts';
import type { ProgrammeId } from './schema.ts';
import { randomProfiles } from './testProfiles.ts';

const FY = { fiscalYear: '2025-26' };

/** Someone for whom nothing but the fields under test stands in the way. */
const base: Profile = {
  subject: 'self',
  age: 70,
  sex: 'female',
  maritalStatus: 'married',
  hasDisability: false,
  isStudent: false,
  illness: 'none',
  community: 'none',
  annualIncome: 0,
  govtServiceOrPension: false,
  receivesOtherAllowance: false,
  permanentResident: true,
};

function verdict(id: ProgrammeId, profile: Profile, fiscalYear = '2025-26'): Verdict {
  const v = evaluateEligibility(profile, catalogue, { fiscalYear }).find((x) => x.programmeId === id);
  if (!v) throw new Error(`no verdict for ${id}`);
  return v;
}
const codes = (v: Verdict): string[] => v.reasons.map((r) => r.code);

describe('old age allowance', () => {
  it.each([
    ['female', 61, 'not_eligible'],
    ['female', 62, 'likely_eligible'],
    ['male', 64, 'not_eligible'],
    ['male', 65, 'likely_eligible'],
  ] as const)('%s aged %i: %s', (sex, age, status) => {
    expect(verdict('old_age', { ...base, sex, age }).status).toBe(status);
  });

  it('says which age rule failed, with the numbers as params', () => {
    const v = verdict('old_age', { ...base, sex: 'female', age: 61 });
    expect(v.reasons).toEqual([{ code: 'age_at_least_unmet', kind: 'unmet', params: { age: 61, min: 62 } }]);
    expect(v.missing).toEqual([]);
  });

  it('income must be below 10,000: 9,999 passes, 10,000 does not', () => {
    expect(verdict('old_age', { ...base, annualIncome: 9999 }).status).toBe('likely_eligible');
    const v = verdict('old_age', { ...base, annualIncome: 10000 });
    expect(v.status).toBe('not_eligible');
    expect(v.reasons).toEqual([
      { code: 'income_below_unmet', kind: 'unmet', params: { income: 10000, ceiling: 10000 } },
    ]);
  });

  it('excludes a government pensioner', () => {
    const v = verdict('old_age', { ...base, govtServiceOrPension: true });
    expect(v.status).toBe('not_eligible');
    expect(codes(v)).toEqual(['govt_service_or_pension']);
  });

  it('excludes someone already on another allowance, and a non-resident', () => {
    expect(codes(verdict('old_age', { ...base, receivesOtherAllowance: true }))).toEqual(['other_allowance']);
    expect(codes(verdict('old_age', { ...base, permanentResident: false }))).toEqual(['not_permanent_resident']);
  });

  it('lists every failing condition, not just the first', () => {
    const v = verdict('old_age', { ...base, age: 40, annualIncome: 50000, govtServiceOrPension: true });
    expect(codes(v)).toEqual(['age_at_least_unmet', 'income_below_unmet', 'govt_service_or_pension']);
  });

  describe('hijra applicants (the reference names only men and women)', () => {
    it('below the women’s age: not eligible whichever rule applies', () => {
      expect(verdict('old_age', { ...base, sex: 'hijra', age: 61 }).status).toBe('not_eligible');
    });
    it.each([62, 64])('at %i: cannot tell, with a reason and nothing left to ask', (age) => {
      const v = verdict('old_age', { ...base, sex: 'hijra', age });
      expect(v.status).toBe('cannot_tell');
      expect(v.reasons).toContainEqual({
        code: 'oaa_age_hijra_unclear',
        kind: 'unknown',
        params: { age, low: 62, high: 65 },
      });
      expect(v.missing).toEqual([]);
    });
    it('at the men’s age or over: the age rule is met either way', () => {
      expect(verdict('old_age', { ...base, sex: 'hijra', age: 65 }).status).toBe('likely_eligible');
    });
  });

  describe('while sex is not known', () => {
    const { sex: _sex, ...noSex } = base;
    it('an age that passes every rule does not need it', () => {
      expect(verdict('old_age', { ...noSex, age: 70 }).status).toBe('likely_eligible');
    });
    it('an age that fails every rule does not need it', () => {
      const v = verdict('old_age', { ...noSex, age: 40 });
      expect(v.status).toBe('not_eligible');
      expect(v.reasons[0]?.params).toEqual({ age: 40, min: 62 });
    });
    it('an age in between does', () => {
      expect(verdict('old_age', { ...noSex, age: 63 }).missing).toEqual(['sex']);
    });
  });

  it('quotes FY2025-26 (proposed) or FY2024-25 as asked', () => {
    expect(verdict('old_age', base).amount).toMatchObject({ kind: 'monthly', taka: 650, fiscalYear: '2025-26', proposed: true });
    expect(verdict('old_age', base, '2024-25').amount).toMatchObject({ taka: 600, fiscalYear: '2024-25', proposed: false });
  });

  it('refuses a fiscal year it has no amounts for', () => {
    expect(() => evaluateEligibility(base, catalogue, { fiscalYear: '2019-20' })).toThrow(RangeError);
  });
});

describe('widow allowance', () => {
  const widow: Profile = { ...base, age: 40, maritalStatus: 'widowed' };

  it('income at most 12,000: 12,000 passes, 12,001 does not', () => {
    expect(verdict('widow', { ...widow, annualIncome: 12000 }).status).toBe('likely_eligible');
    const v = verdict('widow', { ...widow, annualIncome: 12001 });
    expect(v.status).toBe('not_eligible');
    expect(v.reasons).toEqual([{ code: 'income_at_most_unmet', kind: 'unmet', params: { income: 12001, ceiling: 12000 } }]);
  });

  it('age must be above 18', () => {
    expect(verdict('widow', { ...widow, age: 18 }).status).toBe('not_eligible');
    expect(verdict('widow', { ...widow, age: 19 }).status).toBe('likely_eligible');
  });

  it('covers deserted women (with the 2-year definition as a param) but not married ones', () => {
    const v = verdict('widow', { ...widow, maritalStatus: 'deserted' });
    expect(v.status).toBe('likely_eligible');
    expect(v.reasons).toContainEqual({ code: 'deserted', kind: 'met', params: { years: 2 } });
    expect(codes(verdict('widow', { ...widow, maritalStatus: 'married' }))).toEqual(['not_widowed_or_deserted']);
  });

  it('is for women only', () => {
    expect(codes(verdict('widow', { ...widow, sex: 'male' }))).toEqual(['women_only']);
    expect(codes(verdict('widow', { ...widow, sex: 'hijra' }))).toEqual(['women_only']);
  });

  it('excludes a government pensioner', () => {
    expect(codes(verdict('widow', { ...widow, govtServiceOrPension: true }))).toEqual(['govt_service_or_pension']);
  });
});

describe('disability allowance', () => {
  const pwd: Profile = { ...base, age: 30, hasDisability: true, hasSubornoCard: true };

  it('income at most 36,000: 36,000 passes, 36,001 does not', () => {
    expect(verdict('disability', { ...pwd, annualIncome: 36000 }).status).toBe('likely_eligible');
    expect(verdict('disability', { ...pwd, annualIncome: 36001 }).status).toBe('not_eligible');
  });

  it('without a Suborno card: not eligible yet, with the way to get one', () => {
    const v = verdict('disability', { ...pwd, hasSubornoCard: false });
    expect(v.status).toBe('not_eligible');
    expect(v.reasons).toEqual([{ code: 'no_suborno_card', kind: 'unmet' }]);
  });

  it('age must be above 6', () => {
    expect(verdict('disability', { ...pwd, age: 6 }).status).toBe('not_eligible');
    expect(verdict('disability', { ...pwd, age: 7 }).status).toBe('likely_eligible');
  });

  it('needs a disability', () => {
    expect(codes(verdict('disability', { ...pwd, hasDisability: false }))).toEqual(['no_disability']);
  });

  it('quotes Tk 900 (FY2025-26, proposed) and Tk 850 (FY2024-25)', () => {
    expect(verdict('disability', pwd).amount).toMatchObject({ taka: 900, proposed: true });
    expect(verdict('disability', pwd, '2024-25').amount).toMatchObject({ taka: 850, proposed: false });
  });
});

describe('stipend for students with disabilities', () => {
  const student: Profile = { ...base, age: 12, hasDisability: true, hasSubornoCard: true, isStudent: true };

  it.each([
    ['primary', 900],
    ['secondary', 950],
    ['higher_secondary', 1050],
    ['higher', 1300],
  ] as const)('%s: Tk %i a month', (educationLevel, taka) => {
    const v = verdict('disability_stipend', { ...student, educationLevel });
    expect(v.status).toBe('likely_eligible');
    expect(v.amount).toMatchObject({ kind: 'monthly_by_level', taka, level: educationLevel });
    expect(v.missing).toEqual([]);
  });

  it('without a level: still likely eligible, asks the level, quotes every rate', () => {
    const v = verdict('disability_stipend', student);
    expect(v.status).toBe('likely_eligible');
    expect(v.missing).toEqual(['educationLevel']);
    expect(v.amount.byLevel).toEqual({ primary: 900, secondary: 950, higher_secondary: 1050, higher: 1300 });
  });

  it('marks the FY2025-26 rates as assumed (no change reported), not proposed', () => {
    expect(verdict('disability_stipend', student).amount).toMatchObject({ inferred: true, proposed: false });
  });

  it('per-capita family income below 36,000, and says the rule is per capita', () => {
    const ok = verdict('disability_stipend', { ...student, educationLevel: 'primary', annualIncome: 35999 });
    expect(ok.reasons).toContainEqual({
      code: 'per_capita_income_below_met',
      kind: 'met',
      params: { income: 35999, ceiling: 36000 },
    });
    const no = verdict('disability_stipend', { ...student, annualIncome: 36000 });
    expect(no.status).toBe('not_eligible');
    expect(codes(no)).toEqual(['per_capita_income_below_unmet']);
  });

  it('age must be above 5; must be a student; must have the card', () => {
    expect(verdict('disability_stipend', { ...student, age: 5 }).status).toBe('not_eligible');
    expect(verdict('disability_stipend', { ...student, age: 6, educationLevel: 'primary' }).status).toBe('likely_eligible');
    expect(codes(verdict('disability_stipend', { ...student, isStudent: false }))).toEqual(['not_student']);
    expect(codes(verdict('disability_stipend', { ...student, hasSubornoCard: false }))).toEqual(['no_suborno_card']);
  });
});

describe('hijra special allowance', () => {
  const hijra: Profile = { ...base, sex: 'hijra' };
  it('49 not eligible, 50 likely eligible', () => {
    expect(verdict('hijra', { ...hijra, age: 49 }).status).toBe('not_eligible');
    expect(verdict('hijra', { ...hijra, age: 50 }).status).toBe('likely_eligible');
  });
  it('has no income ceiling: the committee judges insolvency, whatever the income', () => {
    const v = verdict('hijra', { ...hijra, age: 55, annualIncome: 200000 });
    expect(v.status).toBe('likely_eligible');
    expect(codes(v)).toContain('hijra_insolvent_committee');
  });
  it('is for hijra only', () => {
    expect(codes(verdict('hijra', { ...hijra, sex: 'male' }))).toEqual(['hijra_only']);
  });
  it('does not need the income to decide', () => {
    const { annualIncome: _i, ...noIncome } = hijra;
    expect(verdict('hijra', noIncome).missing).toEqual([]);
  });
});

describe('Bede and backward communities special allowance', () => {
  it.each(['bede', 'backward'] as const)('an elderly %s member: cannot tell (age threshold unknown)', (community) => {
    const v = verdict('bede', { ...base, age: 75, community });
    expect(v.status).toBe('cannot_tell');
    expect(v.reasons).toContainEqual({ code: 'bede_age_unknown', kind: 'unknown', params: { age: 75 } });
    expect(v.missing).toEqual([]);
  });
  it('someone outside these communities: not eligible', () => {
    expect(codes(verdict('bede', { ...base, community: 'none' }))).toEqual(['not_bede_or_backward']);
  });
});

describe('patient assistance', () => {
  it('a listed illness: likely eligible, one-off Tk 50,000, physician certificate required', () => {
    const v = verdict('patient_assistance', { ...base, illness: 'thalassaemia' });
    expect(v.status).toBe('likely_eligible');
    expect(codes(v)).toEqual(['listed_illness', 'physician_certificate', 'patient_poor_committee']);
    expect(v.amount).toMatchObject({ kind: 'one_off', taka: 50000 });
  });
  it('no listed illness: not eligible', () => {
    expect(codes(verdict('patient_assistance', base))).toEqual(['no_listed_illness']);
  });
});

describe('only one regular allowance', () => {
  it('an old widow eligible for both gets the note on both', () => {
    const both = { ...base, maritalStatus: 'widowed' as const };
    expect(codes(verdict('old_age', both))).toContain('only_one_allowance');
    expect(codes(verdict('widow', both))).toContain('only_one_allowance');
  });
  it('no note when only one fits', () => {
    expect(codes(verdict('old_age', base))).not.toContain('only_one_allowance');
  });
});

describe('source disagreements', () => {
  it('are attached when another source’s figure would change a condition shown', () => {
    // 5,000 is below 10,000 but not below the obsolete 3,000.
    expect(verdict('old_age', { ...base, annualIncome: 5000 }).disagreements).toEqual(['oaa_income_ceiling']);
    // A woman of 60 fails at 62 but would pass under the pre-2013 57; one of 62 would fail the typo's 63.
    expect(verdict('old_age', { ...base, age: 60 }).disagreements).toEqual(['oaa_women_age']);
    expect(verdict('old_age', { ...base, age: 62 }).disagreements).toEqual(['oaa_women_age']);
    expect(verdict('widow', { ...base, maritalStatus: 'widowed', annualIncome: 5000 }).disagreements).toEqual([
      'widow_income_ceiling',
    ]);
    const pwd = { ...base, hasDisability: true, hasSubornoCard: true };
    expect(verdict('disability', { ...pwd, annualIncome: 30000 }).disagreements).toEqual(['disability_income_ceiling']);
  });
  it('are left out when every source gives the same answer', () => {
    expect(verdict('old_age', { ...base, annualIncome: 2000 }).disagreements).toEqual([]);
    expect(verdict('old_age', { ...base, annualIncome: 20000 }).disagreements).toEqual([]);
    expect(verdict('old_age', { ...base, age: 70 }).disagreements).toEqual([]);
    // Not eligible because of age (40 fails at 57 too): the income dispute is beside the point.
    expect(verdict('old_age', { ...base, age: 40, annualIncome: 5000 }).disagreements).toEqual([]);
    // The women's-age dispute is not about men.
    expect(verdict('old_age', { ...base, sex: 'male', age: 60 }).disagreements).toEqual([]);
  });
  it('the hijra amount dispute touches the FY2024-25 rate only', () => {
    const hijra = { ...base, sex: 'hijra' as const, age: 55 };
    expect(verdict('hijra', hijra, '2024-25').disagreements).toEqual(['hijra_amount']);
    expect(verdict('hijra', hijra).disagreements).toEqual([]);
    expect(verdict('hijra', { ...hijra, sex: 'male' }, '2024-25').disagreements).toEqual([]);
  });
});

describe('for anyone', () => {
  const everyone = randomProfiles(400);

  it('a complete profile is always decided, except where the rule itself is unknown', () => {
    for (const p of everyone) {
      for (const v of evaluateEligibility(p, catalogue, FY)) {
        expect(v.missing).toEqual([]);
        if (v.status === 'cannot_tell') {
          expect(v.reasons.some((r) => r.kind === 'unknown')).toBe(true);
        }
      }
    }
  });

  it('not eligible always says why, with failing conditions only', () => {
    for (const p of everyone) {
      for (const v of evaluateEligibility(p, catalogue, FY).filter((x) => x.status === 'not_eligible')) {
        expect(v.reasons.length).toBeGreaterThan(0);
        expect(v.reasons.every((r) => r.kind === 'unmet')).toBe(true);
      }
    }
  });

  it('is pure: leaves its inputs alone and answers the same twice', () => {
    const p = everyone[0] as Profile;
    const before = JSON.stringify([p, catalogue]);
    const once = evaluateEligibility(p, catalogue, FY);
    expect(evaluateEligibility(p, catalogue, FY)).toEqual(once);
    expect(JSON.stringify([p, catalogue])).toBe(before);
  });
});
