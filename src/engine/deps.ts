import type { CaseState } from '../domain/cases/lifecycle.ts';
import type { Category, Tier } from '../domain/cases/routing.ts';
import type { WorkCalendar } from '../domain/cases/workingDays.ts';
import type { Catalogue } from '../domain/programmes/index.ts';
import type { AreaFigures, TurnNeeds } from './areaFigures.ts';
import type { Understanding } from './understanding.ts';
import type { SessionState } from './session.ts';
import type { Choice, Clock, IdGenerator, Inbound, Lang, Reply, ReplyParams } from './types.ts';
import type { FollowUpAnswer } from '../domain/cases/followUps.ts';

/** Everything the engine needs from outside, injected so a turn is a pure function. */
export interface EngineDeps {
  clock: Clock;
  ids: IdGenerator;
  catalogue: Catalogue;
  /** A choice's label in every language (to match what a user types against offered buttons). */
  labels: (choice: Choice) => string[];
  /** After this long without a message, a user in the middle of a flow is asked "continue or start over?". */
  idleMs: number;
  /** The fiscal year whose amounts are quoted, e.g. "2025-26". */
  fiscalYear: string;
  /** Working days (weekend, holidays) for case deadlines. */
  calendar: WorkCalendar;
  /** Working days each tier has to act on a case. */
  deadlineDays: Record<Tier, number>;
  /** Cases one contact may lodge in 24 hours (CASES_PER_DAY when absent). */
  casesPerDay?: number;
  /** PUBLIC_URL, for links to Setu's public pages (the Citizen Charter); no link when absent. */
  publicUrl?: string;
}

/** What the host looked up for the engine before the turn: cases by tracking number, and the user's own. */
export interface CaseLookupResult {
  byNumber: Record<string, CaseView | null>;
  mine?: CaseView[];
  /** An earlier report of the same person at the same place, when one was looked for: only its number, to link to. */
  duplicate?: { trackingNumber: string } | null;
  /** The user's closed, unrated cases, latest closed first (when looked for). */
  ratable?: { trackingNumber: string; closedAt: number }[];
  /** Cases this contact lodged in the last 24 hours (looked up when a case is being submitted). */
  lodgedToday?: number;
  /**
   * Set when the host refused to look up a number that is not the user's own
   * (too many such look-ups today): the limit, for the message. The numbers
   * concerned are then null in byNumber, found or not.
   */
  lookupsRefused?: number;
}

/** A case as the engine may show it. `mine` is false for someone else's number: then only the state and dates are shown. */
export interface CaseView {
  trackingNumber: string;
  mine: boolean;
  kind: 'grievance' | 'report';
  category: Category;
  state: CaseState;
  tier: Tier;
  placeCode: string;
  createdAt: number;
  updatedAt: number;
  dueAt: number;
  urgent: boolean;
  /** The latest note written for the citizen (closing notes), if any. */
  lastNote: string | null;
  /** The tier of the officer who resolved or rejected it, if known: an appeal goes above it. */
  decidedTier?: Tier | null;
}

/** A case the engine has just lodged; the host stores it in the same transaction as the turn. */
export interface NewCase {
  id: string;
  trackingNumber: string;
  kind: 'grievance' | 'report';
  category: Category;
  programme: string | null;
  placeCode: string;
  upazilaCode: string;
  districtCode: string;
  description: string;
  tier: Tier;
  officeCode: string;
  /** The highest tier the complaint is about (concerns.ts): that office and those below never see the case. */
  concernsTier: Tier | null;
  urgentReasons: string[];
  dueAt: string;
  createdAt: string;
  language: Lang;
  /** E.164; the host encrypts it before it is stored. */
  phone: string | null;
  shareIdentity: boolean;
  /** `transcript`: a voice note's words, when the host transcribed it. */
  attachments: Array<{ kind: 'image' | 'audio' | 'document'; ref: string; transcript?: string }>;
  /** Reports only: who was left out, whether they agreed to be reported, and an earlier report of them. */
  subject?: { name: string | null; age: number | null; sex: 'male' | 'female' | 'hijra' | null };
  consent?: 'yes' | 'could_not_ask' | 'no';
  duplicateOf?: string;
  /** Reports only: the eligibility check run for the person, by programme id. */
  eligibility?: { likely: string[]; unclear: string[] };
  /**
   * Set when Setu wrote the case for the citizen (a follow-up answered "no"):
   * the description is this text, rendered by the host in the case's
   * language, and `description` is empty.
   */
  written?: { key: string; params: ReplyParams };
}

export interface TurnInput {
  inbound: Inbound;
  /** The understander's reading of free text, computed by the host when `wantsUnderstanding` says so. */
  understanding?: Understanding | null;
  /** Cases the host looked up when `caseLookupFor` asked for them. */
  cases?: CaseLookupResult;
  /** An area's report card figures, fetched when a turn's result said it `needs` them. */
  areaFigures?: AreaFigures;
}

export type EngineEvent =
  | { type: 'reply'; reply: Reply }
  | { type: 'language_changed'; lang: Lang }
  | { type: 'case_lodged'; case: NewCase }
  | { type: 'case_appealed'; appeal: CaseAppeal }
  /** A rating pressed under a closing notice; the host stores it only for the citizen's own closed, unrated case. */
  | { type: 'case_rated'; trackingNumber: string; rating: 1 | 2 | 3 | 4 | 5 }
  /**
   * The answer to a follow-up question; `grievanceId` is the id of the complaint this turn lodged from it, if any.
   * The host records it only on the contact's own follow-up, asked and not yet answered.
   */
  | { type: 'follow_up_answered'; followUpId: number; answer: FollowUpAnswer; grievanceId: string | null };

/** A rejected case the citizen takes to the next tier; the host applies it only if the case is still theirs and rejected. */
export interface CaseAppeal {
  trackingNumber: string;
  tier: Tier;
  officeCode: string;
  dueAt: string;
  at: string;
}

export interface TurnResult {
  state: SessionState;
  events: EngineEvent[];
  /**
   * Set when the turn could not be finished without something the host must
   * fetch (an area's figures): the host fetches it and runs the turn again
   * with it in the input; this result is thrown away.
   */
  needs?: TurnNeeds;
}
