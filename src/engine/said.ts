import { MAX_INBOUND_TEXT, MAX_SHORT_ANSWER } from './limits.ts';
import { matchChoice } from './parse/matchChoice.ts';
import { parseRatingChoice } from './flows/rating.ts';
import { parseFollowUpChoice } from './flows/followUpChoices.ts';
import type { EngineDeps } from './deps.ts';
import type { SessionState } from './session.ts';
import type { InboundBody } from './types.ts';
import { QUESTIONS } from './flows/eligibilityQuestions.ts';
import { CHECK_SYNONYMS, CHECKS, checklistWantsText } from './flows/eligibilityChecks.ts';
import type { ProfileField } from '../domain/programmes/profile.ts';

/**
 * What the user said, once buttons and typed answers are reconciled: a typed
 * "2", a typed label ("মহিলা") or a pressed button all become the same choice.
 */
export type Said =
  | { kind: 'choice'; id: string }
  /** `voice`: spoken in a voice note, transcribed by the host. */
  | { kind: 'text'; text: string; voice?: { ref: string } }
  | { kind: 'attachment'; what: string; ref?: string; tooLarge?: boolean }
  | { kind: 'empty' };

/** A pressed button that is not among the current choices: an old keyboard. */
export interface StaleChoice {
  kind: 'stale';
  id: string;
}

export function readSaid(body: InboundBody, state: SessionState, deps: EngineDeps): Said | StaleChoice {
  switch (body.type) {
    case 'attachment':
      return {
        kind: 'attachment',
        what: body.kind,
        ...(body.ref !== undefined ? { ref: body.ref } : {}),
        ...(body.tooLarge ? { tooLarge: true } : {}),
      };
    case 'start':
      return { kind: 'empty' };
    case 'choice':
      // A rating button came with a closing notice, a follow-up's with its question, outside the conversation: never
      // offered, never stale here (an answered follow-up's button is told apart by the follow-up itself).
      if (parseRatingChoice(body.choiceId) !== null || parseFollowUpChoice(body.choiceId) !== null) return { kind: 'choice', id: body.choiceId };
      return state.offered.some((c) => c.id === body.choiceId) ? { kind: 'choice', id: body.choiceId } : { kind: 'stale', id: body.choiceId };
    case 'text': {
      const text = body.text.slice(0, MAX_INBOUND_TEXT).trim();
      if (text === '') return { kind: 'empty' };
      const asText: Said = { kind: 'text', text, ...(body.voice ? { voice: body.voice } : {}) };
      // No button's label is that long: an account or a flood, not a choice.
      if (state.offered.length === 0 || text.length > MAX_SHORT_ANSWER) return asText;
      if (state.flow?.id === 'eligibility' && state.flow.asking === CHECKS && checklistWantsText(text)) return asText;
      const options = state.offered.map((c) => ({ id: c.id, labels: deps.labels(c), synonyms: synonymsFor(state, c.id) }));
      const id = matchChoice(text, options);
      return id === null ? asText : { kind: 'choice', id };
    }
  }
}

function synonymsFor(state: SessionState, choiceId: string): readonly string[] {
  const asking = state.flow?.id === 'eligibility' ? state.flow.asking : null;
  if (asking === null) return [];
  if (asking === CHECKS) return CHECK_SYNONYMS[choiceId] ?? [];
  // The read-back is not a profile field: its buttons have no synonyms.
  const question = Object.hasOwn(QUESTIONS, asking) ? QUESTIONS[asking as ProfileField] : undefined;
  if (question?.kind !== 'choice') return [];
  return question.options.find((o) => o.id === choiceId)?.synonyms ?? [];
}
