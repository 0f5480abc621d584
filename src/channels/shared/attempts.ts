/**
 * How inbound messages that fail are tried again. A database condition (full,
 * read-only, unreachable) is waited out with growing pauses and never counts
 * against the message. Any other failure — or a turn that hangs, or a crash —
 * counts one try, recorded before the turn starts; after MAX_ATTEMPTS tries
 * the message is set aside (QuarantinedUpdate) so the person's later messages go on.
 */
export const MAX_ATTEMPTS = 3;

/** The pause before the n-th retry (1-based): 0.5 s, 1 s, 2 s, … up to 30 s. */
export function retryDelayMs(n: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, n - 1));
}
