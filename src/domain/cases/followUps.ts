/**
 * The question after enrolment: "does the allowance arrive in full?". Asked
 * when a case ends in enrolment or in "money will arrive" — a report whose
 * person the officer recorded as enrolled (asked of the reporter, about the
 * person), or a complaint of being left out or of money not received that was
 * resolved (asked of the citizen who lodged it) — first after a set time (45
 * days unless FOLLOW_UP_FIRST_DAYS says otherwise), then every quarter for a
 * year: five rounds in all.
 */

export const FOLLOW_UP_AUDIENCES = ['citizen', 'reporter'] as const;
export type FollowUpAudience = (typeof FOLLOW_UP_AUDIENCES)[number];

/** In the order the buttons are shown. */
export const FOLLOW_UP_ANSWERS = ['yes', 'partly', 'no'] as const;
export type FollowUpAnswer = (typeof FOLLOW_UP_ANSWERS)[number];

export const isFollowUpAnswer = (s: string): s is FollowUpAnswer => (FOLLOW_UP_ANSWERS as readonly string[]).includes(s);

/** An answer that opens a money-not-received complaint. */
export const opensComplaint = (a: FollowUpAnswer): boolean => a !== 'yes';

export const DEFAULT_FIRST_DAYS = 45;
/** A quarter, in whole weeks: the question falls on the same weekday each time. */
export const QUARTER_DAYS = 91;
export const LAST_ROUND = 5;

const DAY_MS = 86_400_000;

/** The complaints whose resolution means "the money will arrive". */
const MONEY_CATEGORIES: ReadonlySet<string> = new Set(['exclusion', 'not_received']);

/**
 * Whom a case asks after the money, as it stands: the citizen for a resolved
 * complaint of being left out or of money not received, the reporter for a
 * report whose person was enrolled; null for anything else.
 * @example followUpAudience({ kind: 'grievance', category: 'not_received', state: 'resolved', outcome: null }) // 'citizen'
 * @example followUpAudience({ kind: 'grievance', category: 'bribe', state: 'resolved', outcome: null }) // null
 */
export function followUpAudience(c: { kind: string; category: string; state: string; outcome: string | null }): FollowUpAudience | null {
  if (c.kind === 'report') return c.outcome === 'enrolled' ? 'reporter' : null;
  return c.state === 'resolved' && MONEY_CATEGORIES.has(c.category) ? 'citizen' : null;
}

/**
 * The rounds still to ask from `from` (the moment the case ended so), after
 * the rounds already asked: the next one `firstDays` later, each further one
 * a quarter after the one before, up to round 5. A case that ends so again
 * (decided anew) goes on from where it was rather than start over.
 * @example followUpRounds(new Date(0), 45).map((r) => r.round) // [1, 2, 3, 4, 5]
 * @example followUpRounds(new Date(0), 45, 4).map((r) => r.round) // [5]
 */
export function followUpRounds(from: Date, firstDays: number, asked = 0): Array<{ round: number; dueAt: Date }> {
  const rounds: Array<{ round: number; dueAt: Date }> = [];
  for (let round = asked + 1, i = 0; round <= LAST_ROUND; round += 1, i += 1) {
    rounds.push({ round, dueAt: new Date(from.getTime() + (firstDays + i * QUARTER_DAYS) * DAY_MS) });
  }
  return rounds;
}
