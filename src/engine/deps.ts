import type { Catalogue } from '../domain/programmes/index.ts';
import type { Understanding } from './understanding.ts';
import type { SessionState } from './session.ts';
import type { Choice, Clock, IdGenerator, Inbound, Lang, Reply } from './types.ts';

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
}

export interface TurnInput {
  inbound: Inbound;
  /** The understander's reading of free text, computed by the host when `wantsUnderstanding` says so. */
  understanding?: Understanding | null;
}

export type EngineEvent =
  | { type: 'reply'; reply: Reply }
  | { type: 'language_changed'; lang: Lang };

export interface TurnResult {
  state: SessionState;
  events: EngineEvent[];
}
