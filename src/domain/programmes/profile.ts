import { z } from 'zod';

/**
 * What the eligibility questionnaire learns about the person being checked
 * (the user, or someone they ask for). Every field is optional: the
 * questionnaire asks only what still decides an answer.
 */
export const SexSchema = z.enum(['male', 'female', 'hijra']);
export const MaritalStatusSchema = z.enum(['married', 'widowed', 'deserted', 'never_married']);
export const EducationLevelSchema = z.enum(['primary', 'secondary', 'higher_secondary', 'higher']);
export const CommunitySchema = z.enum(['bede', 'backward', 'none']);
export const IllnessSchema = z.enum([
  'cancer',
  'kidney',
  'liver_cirrhosis',
  'stroke_paralysis',
  'congenital_heart',
  'thalassaemia',
  'none',
]);

export const ProfileSchema = z
  .object({
    subject: z.enum(['self', 'other']),
    age: z.number().int().min(0).max(130),
    sex: SexSchema,
    maritalStatus: MaritalStatusSchema,
    hasDisability: z.boolean(),
    hasSubornoCard: z.boolean(),
    isStudent: z.boolean(),
    educationLevel: EducationLevelSchema,
    illness: IllnessSchema,
    community: CommunitySchema,
    /** Annual average income in Taka (monthly answers are multiplied by 12). */
    annualIncome: z.number().int().min(0),
    /** Government employee, or receives a government pension. */
    govtServiceOrPension: z.boolean(),
    /** Already receives another regular government allowance, a VGD card, or an NGO grant. */
    receivesOtherAllowance: z.boolean(),
    /** Permanent resident of the union / paurashava / city where they would apply. */
    permanentResident: z.boolean(),
  })
  .partial();

export type Profile = z.infer<typeof ProfileSchema>;
export type ProfileField = keyof Profile;
export type Sex = z.infer<typeof SexSchema>;
export type MaritalStatus = z.infer<typeof MaritalStatusSchema>;
export type EducationLevel = z.infer<typeof EducationLevelSchema>;
export type Community = z.infer<typeof CommunitySchema>;
export type Illness = z.infer<typeof IllnessSchema>;
