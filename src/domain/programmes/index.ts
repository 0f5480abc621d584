/**
 * Programmes: the DSS allowance catalogue (versioned, sourced data), the
 * eligibility rules over it, and the questionnaire's "what to ask next".
 * Everything here is pure; user-facing words live in locales/<lang>/programmes.json.
 */
export { catalogue, loadCatalogue } from './catalogue.ts';
export { evaluateEligibility, FIELD_ORDER } from './evaluate.ts';
export type { EvaluateOptions, Verdict, VerdictAmount, VerdictStatus } from './evaluate.ts';
export { defaultFiscalYear, nextQuestion, questionsAhead } from './nextQuestion.ts';
export {
  amountMessages,
  disagreementMessage,
  programmeInfo,
  reasonMessage,
  statusKey,
} from './info.ts';
export type { Message, ProgrammeInfo } from './info.ts';
export { disagreementKey, REASON_CODES, reasonKey } from './reasons.ts';
export type { Reason, ReasonCode, ReasonKind } from './reasons.ts';
export { CatalogueSchema, ProgrammeIdSchema } from './schema.ts';
export type { Catalogue, DisagreementCode, Programme, ProgrammeId } from './schema.ts';
