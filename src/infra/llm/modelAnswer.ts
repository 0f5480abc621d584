import { z } from 'zod';
import { jsonSchemaFormat } from './chatJson.ts';
import { ProgrammeIdSchema } from '../../domain/programmes/schema.ts';
import { IntentSchema } from '../../engine/session.ts';
import { StatedFactsSchema, StatedIncomeSchema, type StatedFacts, type Understanding } from '../../engine/understanding.ts';

const F = StatedFactsSchema.shape;

/**
 * The facts as the model must give them. Strict structured output wants every
 * property present, so "not said" is null rather than absent. `subject` is
 * asked once, at the top.
 */
const ModelFactsSchema = z.strictObject({
  relation: F.relation.unwrap().nullable(),
  age: F.age.unwrap().nullable(),
  sex: F.sex.unwrap().nullable(),
  maritalStatus: F.maritalStatus.unwrap().nullable(),
  hasDisability: F.hasDisability.unwrap().nullable(),
  hasSubornoCard: F.hasSubornoCard.unwrap().nullable(),
  isStudent: F.isStudent.unwrap().nullable(),
  illness: F.illness.unwrap().nullable(),
  income: StatedIncomeSchema.strict().nullable(),
  otherIncomes: z.array(StatedIncomeSchema.strict()).max(6),
  receivesOtherAllowance: F.receivesOtherAllowance.unwrap().nullable(),
  govtServiceOrPension: F.govtServiceOrPension.unwrap().nullable(),
});

/**
 * Everything a model may say about a message. Only enums, numbers and
 * booleans: no string of the model's can reach a user. Strict, so an answer
 * with anything more (a "reply", a made-up field) is refused whole.
 */
export const ModelAnswerSchema = z.strictObject({
  intent: IntentSchema.nullable(),
  confidence: z.number().min(0).max(1),
  programme: ProgrammeIdSchema.nullable(),
  subject: z.enum(['self', 'other']).nullable(),
  language: z.enum(['bn', 'en']).nullable(),
  facts: ModelFactsSchema,
});

export type ModelAnswer = z.infer<typeof ModelAnswerSchema>;

/** The `response_format` for strict structured output. */
export const MODEL_RESPONSE_FORMAT = jsonSchemaFormat('setu_understanding', ModelAnswerSchema);

/**
 * The model's facts without its nulls, in the contract's terms. An income it
 * put as the subject's but said was someone else's goes with the other incomes:
 * a son's wage must never be read as his mother's.
 */
function factsOf(answer: ModelAnswer): StatedFacts {
  const { income, otherIncomes, ...rest } = answer.facts;
  const said = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null));
  const others = income !== null && income.whose !== 'subject' ? [income, ...otherIncomes] : otherIncomes;
  return StatedFactsSchema.parse({
    ...said,
    ...(income !== null && income.whose === 'subject' ? { income } : {}),
    ...(others.length > 0 ? { otherIncomes: others } : {}),
  });
}

/**
 * The model's reading laid over the rules': what the model said wins, what it
 * left out the rules keep (a fact they were sure of stays). A tracking number
 * is never the model's: it saw only "[TRACKING]", so it comes from the rules
 * or from the masking, which read the digits here.
 */
export function mergeAnswers(rules: Understanding, answer: ModelAnswer, trackingNumbers: readonly string[]): Understanding {
  const facts: StatedFacts = { ...rules.facts, ...factsOf(answer) };
  const intent = answer.intent ?? rules.intent;
  const programme = answer.programme ?? rules.programme;
  const subject = answer.subject ?? rules.subject;
  const language = answer.language ?? rules.language;
  const trackingNumber = rules.trackingNumber ?? trackingNumbers[0];
  if (subject !== undefined && Object.keys(facts).length > 0) facts.subject = subject;
  return {
    intent,
    confidence: answer.intent === null ? rules.confidence : answer.intent === rules.intent ? Math.max(rules.confidence, answer.confidence) : answer.confidence,
    ...(programme === undefined ? {} : { programme }),
    ...(subject === undefined ? {} : { subject }),
    ...(Object.keys(facts).length === 0 ? {} : { facts }),
    ...(trackingNumber === undefined ? {} : { trackingNumber }),
    ...(language === undefined ? {} : { language }),
    source: 'model',
  };
}
