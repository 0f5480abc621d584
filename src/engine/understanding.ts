import { z } from 'zod';
import { IllnessSchema, MaritalStatusSchema, SexSchema } from '../domain/programmes/profile.ts';
import type { Intent } from './session.ts';

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
 * eligibility profile's own terms. Every field optional: only what was said.
 */
export const StatedFactsSchema = z
  .object({
    subject: z.enum(['self', 'other']),
    relation: RelationSchema,
    age: z.number().int().min(0).max(130),
    sex: SexSchema,
    maritalStatus: MaritalStatusSchema,
    hasDisability: z.boolean(),
    hasSubornoCard: z.boolean(),
    isStudent: z.boolean(),
    illness: IllnessSchema,
    /** The subject's own income. "No income" is `{ amount: 0, period: 'month', whose: 'subject' }`. */
    income: StatedIncomeSchema,
    /** Other incomes mentioned (the writer's wage, the household's) — never taken as the subject's. */
    otherIncomes: z.array(StatedIncomeSchema),
    receivesOtherAllowance: z.boolean(),
    govtServiceOrPension: z.boolean(),
  })
  .partial();

export type StatedFacts = z.infer<typeof StatedFactsSchema>;
export type StatedIncome = z.infer<typeof StatedIncomeSchema>;
export type Relation = z.infer<typeof RelationSchema>;

/** What free text seems to ask for and tell. */
export interface Understanding {
  intent: Intent | null;
  /** 0..1; the rules matcher gives 1 for a keyword hit, 0 for none. */
  confidence: number;
  /** A programme named in the text ("বয়স্ক ভাতা" → 'old_age'), when one is. */
  programme?: string;
  /** Whether the question is about the writer or someone else ("আমার মা"). */
  subject?: 'self' | 'other';
  /** Facts stated about the person asked about. */
  facts?: StatedFacts;
  /** A 9-digit tracking number found anywhere in the text (Latin digits). */
  trackingNumber?: string;
  /** The language the message is written in (Banglish counts as Bangla). */
  language?: 'bn' | 'en';
  /** Who understood it. */
  source?: 'rules' | 'model';
}

/**
 * The port behind which free text is understood: rules always, a model
 * when one is configured. The host calls it outside the database transaction
 * because a remote model may be slow.
 */
export interface Understander {
  understand(text: string): Promise<Understanding>;
}
