import type { Profile } from './profile.ts';
import { CommunitySchema, EducationLevelSchema, IllnessSchema, MaritalStatusSchema, SexSchema } from './profile.ts';

/**
 * Test support (not used by the app): deterministic pseudo-random complete profiles,
 * for checks that must hold for everyone. Named without `.test.ts` so vitest does not run it.
 */
export function randomProfiles(count: number, seed = 20250602): Required<Profile>[] {
  let state = seed >>> 0;
  const next = (): number => {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const ages = [0, 4, 5, 6, 7, 17, 18, 19, 30, 49, 50, 51, 61, 62, 63, 64, 65, 66, 80, 100];
  const incomes = [0, 2999, 3000, 9999, 10000, 11999, 12000, 12001, 24000, 35999, 36000, 36001, 120000];
  return Array.from({ length: count }, () => ({
    subject: pick(['self', 'other'] as const),
    age: pick(ages),
    sex: pick(SexSchema.options),
    maritalStatus: pick(MaritalStatusSchema.options),
    hasDisability: next() < 0.3,
    hasSubornoCard: next() < 0.5,
    isStudent: next() < 0.4,
    educationLevel: pick(EducationLevelSchema.options),
    illness: pick(IllnessSchema.options),
    community: pick(CommunitySchema.options),
    annualIncome: pick(incomes),
    govtServiceOrPension: next() < 0.15,
    receivesOtherAllowance: next() < 0.15,
    permanentResident: next() < 0.85,
  }));
}
