import type { TurnNeeds } from './areaFigures.ts';
import type { EngineDeps, EngineEvent } from './deps.ts';
import type { SessionState } from './session.ts';
import type { Choice, Reply, ReplyLine, ReplyParams } from './types.ts';

/**
 * The working copy of one turn: flows change `state` and `say` replies.
 * Offered choices are remembered so a typed number or label can pick one next turn.
 */
export class Turn {
  readonly events: EngineEvent[] = [];
  /**
   * An eligibility check run for a parked report leaves its outcome here and
   * the engine hands it back to the report: so the two flows need not import each other.
   */
  eligibilityOutcome: { likely: string[]; unclear: string[] } | null = null;
  /** What the host must fetch before this turn can be finished (its result is then thrown away and the turn run again). */
  needs: TurnNeeds | null = null;

  constructor(
    public state: SessionState,
    readonly deps: EngineDeps,
  ) {}

  say(key: string, params?: ReplyParams, lines?: ReplyLine[]): void {
    this.push({ key, kind: 'text', ...(params ? { params } : {}), ...(lines?.length ? { lines } : {}) });
  }

  /** A question replaces whatever choices were offered before. */
  ask(key: string, choices: Choice[] = [], params?: ReplyParams, lines?: ReplyLine[]): void {
    this.state.offered = choices;
    this.push({ key, kind: 'question', ...(params ? { params } : {}), ...(lines?.length ? { lines } : {}), ...(choices.length ? { choices } : {}) });
  }

  /** An answer to look at and keep (a verdict): channels may lay it out as a card. */
  result(key: string, params?: ReplyParams, lines?: ReplyLine[]): void {
    this.push({ key, kind: 'result', ...(params ? { params } : {}), ...(lines?.length ? { lines } : {}) });
  }

  error(key: string, params?: ReplyParams): void {
    this.push({ key, kind: 'error', ...(params ? { params } : {}) });
  }

  push(reply: Reply): void {
    this.events.push({ type: 'reply', reply });
  }
}
