/**
 * A case's states and the moves between them. Closing states need a note the
 * citizen will read; an appeal (after a rejection or a missed deadline)
 * reopens the case at the next tier.
 */

export const CASE_STATES = ['received', 'acknowledged', 'in_progress', 'forwarded', 'resolved', 'rejected'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const OPEN_STATES: readonly CaseState[] = ['received', 'acknowledged', 'in_progress', 'forwarded'];

const MOVES: Record<CaseState, readonly CaseState[]> = {
  received: ['acknowledged', 'in_progress', 'forwarded', 'resolved', 'rejected'],
  acknowledged: ['in_progress', 'forwarded', 'resolved', 'rejected'],
  in_progress: ['forwarded', 'resolved', 'rejected'],
  forwarded: ['acknowledged', 'in_progress', 'resolved', 'rejected'],
  resolved: [],
  rejected: [],
};

export function isOpen(state: CaseState): boolean {
  return OPEN_STATES.includes(state);
}

/** @example canMove('received', 'resolved') // true; canMove('resolved', 'in_progress') // false */
export function canMove(from: CaseState, to: CaseState): boolean {
  return MOVES[from].includes(to);
}

/** Resolving or rejecting without a word to the citizen is not allowed. */
export function needsNote(to: CaseState): boolean {
  return to === 'resolved' || to === 'rejected';
}
