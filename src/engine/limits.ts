/**
 * How much of a message the engine reads. Every parser is linear now, but a
 * turn still runs inside its database transaction, so the work per message
 * is bounded here as well: a flood of long messages must not stall the
 * others' conversations.
 */

/** Telegram's own limit for a message; Messenger and the web chat are cut to it at their doors too. */
export const MAX_INBOUND_TEXT = 4096;

/**
 * An answer to a question (an age, an income, a yes or no, a place, a name, a
 * tracking number, a button typed) fits in this; a longer one is sent back
 * with the question instead of being parsed. Accounts of what happened
 * (grievance:description, report:situation) and free text at the top level
 * are longer: see MAX_ACCOUNT.
 */
export const MAX_SHORT_ANSWER = 300;

/** Complaints and reports one contact may lodge in 24 hours, unless the host says otherwise (EngineDeps.casesPerDay). */
export const CASES_PER_DAY = 5;
