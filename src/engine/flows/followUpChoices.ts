import { FOLLOW_UP_ANSWERS, type FollowUpAnswer } from '../../domain/cases/followUps.ts';
import type { Choice } from '../types.ts';

/** The three buttons of a follow-up question ("does the allowance arrive in full?"), for this follow-up. */
export function followUpChoices(followUpId: number): Choice[] {
  return FOLLOW_UP_ANSWERS.map((a) => ({ id: `fu.${followUpId}.${a}`, key: `followup:choice.${a}` }));
}

/**
 * A follow-up button's row and answer, or null for any other id.
 * @example parseFollowUpChoice('fu.12.partly') // { followUpId: 12, answer: 'partly' }
 */
export function parseFollowUpChoice(id: string): { followUpId: number; answer: FollowUpAnswer } | null {
  const m = /^fu\.(\d{1,12})\.([a-z]+)$/.exec(id);
  const answer = FOLLOW_UP_ANSWERS.find((a) => a === m?.[2]);
  return m && answer ? { followUpId: Number(m[1]), answer } : null;
}
