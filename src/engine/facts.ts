import { z } from 'zod';
import { ProfileSchema } from '../domain/programmes/profile.ts';

/**
 * Facts a message states about the person asked about: the schemas both the
 * session (what was read back) and the understanders (what they return) use.
 */

/** Who the person asked about is to the writer, when the text says ("আমার মা" → mother). */
export const RelationSchema = z.enum(['self', 'mother', 'father', 'wife', 'husband', 'son', 'daughter', 'grandmother', 'grandfather', 'sister', 'brother', 'relative', 'neighbour', 'other']);

/** An amount of money as said, with its period and whose it is: read back before it is used. */
export const StatedIncomeSchema = z.object({
  amount: z.number().int().min(0),
  period: z.enum(['day', 'week', 'month', 'year']),
  /** The person asked about (the subject), the writer (who may be someone else), or the whole household. */
  whose: z.enum(['subject', 'writer', 'household']),
});

/**
 * Facts about the person asked about that a message states, in the
 * eligibility profile's own terms (its fields, picked, so the two cannot
 * drift apart) with who they are to the writer and incomes as said.
 * Every field optional: only what was said.
 */
export const StatedFactsSchema = ProfileSchema.pick({
  subject: true,
  age: true,
  sex: true,
  maritalStatus: true,
  hasDisability: true,
  hasSubornoCard: true,
  isStudent: true,
  illness: true,
  receivesOtherAllowance: true,
  govtServiceOrPension: true,
}).extend({
  relation: RelationSchema.optional(),
  /** The subject's own income. "No income" is `{ amount: 0, period: 'month', whose: 'subject' }`. */
  income: StatedIncomeSchema.optional(),
  /** Other incomes mentioned (the writer's wage, the household's) — never taken as the subject's. */
  otherIncomes: z.array(StatedIncomeSchema).optional(),
});

/** Keys of stated facts that tell of the person's situation, beyond who they are ("আমার মা": other, mother, female). */
export function situationFacts(facts: StatedFacts | undefined): string[] {
  return Object.keys(facts ?? {}).filter((k) => k !== 'subject' && k !== 'relation' && k !== 'sex');
}

export type StatedFacts = z.infer<typeof StatedFactsSchema>;
export type StatedIncome = z.infer<typeof StatedIncomeSchema>;
export type Relation = z.infer<typeof RelationSchema>;
