import { parseTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import type { Turn } from '../turn.ts';
import type { Choice } from '../types.ts';

/**
 * "How satisfied are you?": asked with the notice that closes a case
 * (resolved or rejected), outside the conversation, so a rating button is
 * never among the offered choices. The engine thanks and passes the rating
 * on; the host stores it only for the citizen's own closed, unrated case.
 */

export type Rating = 1 | 2 | 3 | 4 | 5;

/** In order, so a button's place in a numbered list is its score. */
const RATINGS: readonly Rating[] = [1, 2, 3, 4, 5];

/** The five buttons of the closing notice. */
export function ratingChoices(trackingNumber: string): Choice[] {
  return RATINGS.map((n) => ({ id: `rate.${trackingNumber}.${n}`, key: `cases:rating.choice.${n}` }));
}

/** A rating button's case and score, or null for any other id (or a number that does not check). */
export function parseRatingChoice(id: string): { trackingNumber: string; rating: Rating } | null {
  const m = /^rate\.(\d{9})\.([1-5])$/.exec(id);
  if (!m) return null;
  const parsed = parseTrackingNumber(m[1] as string);
  const rating = RATINGS.find((r) => r === Number(m[2]));
  return parsed.ok && rating !== undefined ? { trackingNumber: parsed.number, rating } : null;
}

const LOW: Choice[] = [
  { id: 'menu.status', key: 'menu:choice.status' },
  { id: 'menu', key: 'menu:choice.menu' },
];

/**
 * Thanks for a rating. A low one (1–2) also points to the status check,
 * from where a rejected case can be appealed. Returns true when that pointer
 * was asked as the question of the turn (only outside a flow: in a flow the
 * caller puts the flow's question again and the pointer is a plain line).
 */
export function thankForRating(turn: Turn, rated: { trackingNumber: string; rating: Rating }): boolean {
  turn.events.push({ type: 'case_rated', trackingNumber: rated.trackingNumber, rating: rated.rating });
  turn.say('cases:rating.thanks', { number: rated.trackingNumber });
  if (rated.rating > 2) return false;
  if (turn.state.flow !== null) {
    turn.say('cases:rating.low', { number: rated.trackingNumber });
    return false;
  }
  turn.ask('cases:rating.low', LOW, { number: rated.trackingNumber });
  return true;
}
