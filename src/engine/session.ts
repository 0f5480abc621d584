import { z } from 'zod';
import { RelationSchema, StatedIncomeSchema } from './facts.ts';
import { ProgrammeIdSchema } from '../domain/programmes/schema.ts';
import { ProfileSchema } from '../domain/programmes/profile.ts';
import { CATEGORIES } from '../domain/cases/routing.ts';
import { FOLLOW_UP_AUDIENCES } from '../domain/cases/followUps.ts';

const ChoiceSchema = z.object({
  id: z.string(),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** `human`: wants a person (333, the office); `thanks`: thanks or a goodbye. */
export const IntentSchema = z.enum(['eligibility', 'grievance', 'report', 'status', 'help', 'language', 'greeting', 'human', 'thanks']);

/** A question of the eligibility questionnaire that is waiting for its answer. */
const EligibilityFlowSchema = z.object({
  id: z.literal('eligibility'),
  /** The profile field being asked; null once the result is shown. */
  asking: z.string().nullable(),
  /** Follow-up inside a question, e.g. "was that per month or per year?" for an income. */
  sub: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('income_period'), amount: z.number() }),
      // A day's wage was given: how many days a month there is work turns it into an income.
      z.object({ kind: z.literal('income_days'), amount: z.number() }),
    ])
    .nullable(),
  profile: ProfileSchema,
  /** Fields answered, in order, so "back" can undo the last one. */
  answered: z.array(z.string()),
  /** The programme the user asked about ("বয়স্ক ভাতা পাবে?"): answered first in the result. */
  focus: ProgrammeIdSchema.optional(),
  /** Fields taken from the person's own sentences: read back once before the verdict. */
  stated: z.array(z.string()).optional(),
  /** Who the person asked about is to the writer, when they said ("আমার মা"). */
  relation: RelationSchema.optional(),
  /** The income as said (amount, per what, whose), for the read-back. */
  statedIncome: StatedIncomeSchema.optional(),
  /** Other people's incomes mentioned, which were not taken as the subject's: named in the read-back. */
  otherIncomes: z.array(StatedIncomeSchema).optional(),
  /** The items of the checklist on screen (rare situations asked together). */
  checks: z.array(z.string()).optional(),
  /** Items a checklist has covered, so they are not listed again. */
  checked: z.array(z.string()).optional(),
});

/** What free text told us besides the intent: who it is for, which programme. */
const HintsSchema = z.object({
  subject: z.enum(['self', 'other']).optional(),
  programme: ProgrammeIdSchema.optional(),
  /** For a complaint: its kind as the person's words tell it, and those words, kept as what happened. */
  category: z.enum(CATEGORIES).optional(),
  account: z.string().optional(),
});

/** Where the location picker is: the typed-name matches on offer, or a page of a level being browsed. */
const LocationStepSchema = z.object({
  /** Browsing the children of this place (null: the divisions); absent while searching by name. */
  browse: z.object({ parent: z.string().nullable(), page: z.number().int().min(0) }).nullable(),
});

const GrievanceDraftSchema = z.object({
  category: z.enum(CATEGORIES).optional(),
  /** A programme id, or 'unknown'. */
  programme: z.string().optional(),
  placeCode: z.string().optional(),
  description: z.string().optional(),
  attachments: z.array(z.object({ kind: z.enum(['image', 'audio', 'document']), ref: z.string(), transcript: z.string().optional() })),
  /** E.164 once given; null when the user chose not to give one. Kept only until the case is lodged. */
  phone: z.string().nullable().optional(),
  shareIdentity: z.boolean().optional(),
});

const GrievanceFlowSchema = z.object({
  id: z.literal('grievance'),
  step: z.enum(['category', 'programme', 'location', 'description', 'phone', 'identity', 'summary']),
  /** The step was opened from the summary to edit one answer: go back there after it. */
  editing: z.boolean(),
  draft: GrievanceDraftSchema,
  location: LocationStepSchema,
});

const ReportDraftSchema = z.object({
  /** Absent until asked; null when the reporter does not know it. */
  name: z.string().nullable().optional(),
  age: z.number().int().nullable().optional(),
  sex: z.enum(['male', 'female', 'hijra']).optional(),
  placeCode: z.string().optional(),
  programme: z.string().optional(),
  situation: z.string().optional(),
  attachments: z.array(z.object({ kind: z.enum(['image', 'audio', 'document']), ref: z.string(), transcript: z.string().optional() })),
  consent: z.enum(['yes', 'could_not_ask', 'no']).optional(),
  shareIdentity: z.boolean().optional(),
  /** The eligibility check run on the person's behalf, attached to the report. */
  eligibility: z.object({ likely: z.array(z.string()), unclear: z.array(z.string()) }).optional(),
});

/** A citizen journalist reports someone the safety net left out. */
const ReportFlowSchema = z.object({
  id: z.literal('report'),
  step: z.enum(['name', 'age', 'sex', 'location', 'programme', 'situation', 'consent', 'identity', 'summary']),
  editing: z.boolean(),
  draft: ReportDraftSchema,
  location: LocationStepSchema,
});

/** Waiting for a tracking number to look up. */
const StatusFlowSchema = z.object({ id: z.literal('status') });

/** "আমার এলাকার হিসাব": waiting for the place whose report card figures to show. */
const AreaFiguresFlowSchema = z.object({ id: z.literal('area'), location: LocationStepSchema });

const FlowSchema = z.discriminatedUnion('id', [EligibilityFlowSchema, GrievanceFlowSchema, ReportFlowSchema, StatusFlowSchema, AreaFiguresFlowSchema]);

/**
 * A follow-up question ("does the allowance arrive in full?") put to this
 * contact and not yet answered. The host's follow-up job writes it here when
 * it queues the question (src/app/cases/followUps.ts), so that the engine,
 * which never reads the database, knows what a "না" or a "fu.…" button answers
 * and can lodge a money-not-received complaint from it with nothing to ask.
 * It stays until answered or replaced by the next round's question of the
 * same case; it never holds the user in a flow.
 */
const PendingFollowUpSchema = z.object({
  /** FollowUp.id: the row the answer is recorded on. */
  followUpId: z.number().int(),
  /** The tracking number of the case asked about. */
  caseTracking: z.string(),
  audience: z.enum(FOLLOW_UP_AUDIENCES),
  /** The case's programme id, if it named one; and its place: what a complaint from the answer is about. */
  programme: z.string().nullable(),
  placeCode: z.string(),
  round: z.number().int().min(1),
  /** When the question was queued (ISO): a bare "না" answers it only if nothing was said since. */
  askedAt: z.string(),
});

export const SessionStateSchema = z.object({
  v: z.literal(1),
  /** null until the user chooses; Bangla is used meanwhile. */
  lang: z.enum(['bn', 'en']).nullable(),
  /** The language question was put and is waiting for an answer. */
  askedLanguage: z.boolean(),
  /** What the user wanted when we interrupted to ask something else (language, resume). */
  pendingIntent: IntentSchema.nullable(),
  pendingHints: HintsSchema.optional(),
  /** The place of the person's last complaint or report: the office named when they ask for a person. */
  lastPlaceCode: z.string().optional(),
  /** The idle-resume question is waiting for "continue" or "start over". */
  askedResume: z.boolean(),
  flow: FlowSchema.nullable(),
  /** A report waiting while the eligibility questions are answered for the person reported. */
  parked: ReportFlowSchema.nullable().optional(),
  /** Follow-up questions awaiting an answer, oldest first (a few at most). */
  followUps: z.array(PendingFollowUpSchema).optional(),
  /** Choices of the last question, so a typed "2" or a typed label can select one. */
  offered: z.array(ChoiceSchema),
  lastActiveAt: z.string().nullable(),
  turns: z.number().int(),
});

export type SessionState = z.infer<typeof SessionStateSchema>;
export type EligibilityFlow = z.infer<typeof EligibilityFlowSchema>;
export type GrievanceFlow = z.infer<typeof GrievanceFlowSchema>;
export type GrievanceDraft = z.infer<typeof GrievanceDraftSchema>;
export type ReportFlow = z.infer<typeof ReportFlowSchema>;
export type AreaFiguresFlow = z.infer<typeof AreaFiguresFlowSchema>;
export type LocationStep = z.infer<typeof LocationStepSchema>;
export type Intent = z.infer<typeof IntentSchema>;
export type Hints = z.infer<typeof HintsSchema>;
export type PendingFollowUp = z.infer<typeof PendingFollowUpSchema>;

export function newSessionState(): SessionState {
  return {
    v: 1,
    lang: null,
    askedLanguage: false,
    pendingIntent: null,
    askedResume: false,
    flow: null,
    offered: [],
    lastActiveAt: null,
    turns: 0,
  };
}

/**
 * Reads persisted state. Older versions migrate here; state that no longer
 * parses starts a fresh session rather than failing the user's turn.
 * @example parseSessionState(JSON.stringify(newSessionState())).v === 1
 */
export function parseSessionState(json: string | null): { state: SessionState; recovered: boolean } {
  if (json === null) return { state: newSessionState(), recovered: false };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { state: newSessionState(), recovered: true };
  }
  const parsed = SessionStateSchema.safeParse(raw);
  if (parsed.success) return { state: parsed.data, recovered: false };
  return { state: newSessionState(), recovered: true };
}
