import { hostname } from 'node:os';

/** Whether a process of this machine still runs (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs under another user, so it is alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process elsewhere that has not beaten for this long (several sweeps missed) is taken for gone. */
export const BEAT_LOST_MS = 45_000;

/** Workers of this process now running, by holder: a holder of this pid not among them is a process before this one (in a container the pid repeats). */
const runningHere = new Set<string>();

export function holdClaims(holder: string): () => void {
  runningHere.add(holder);
  return () => runningHere.delete(holder);
}

/**
 * Which claimed outbox rows to take back: those of a process of this host
 * that is gone (a crash or a kill: taken back at once, so the chat waits only
 * for the restart), those of a process elsewhere whose heartbeat stopped more
 * than `beatLostMs` ago (another machine or container), and any claim older
 * than `staleMs` whose holder never beat (an older Setu during an upgrade).
 * Holders look like `host:pid:instance` (see the outbox worker).
 */
export function orphanedClaims(
  claims: ReadonlyArray<{ id: number; claimedBy: string | null; claimedAt: Date | null }>,
  opts: {
    holder: string;
    now: Date;
    staleMs: number;
    /** Each holder's last heartbeat, where it has one. */
    beats?: ReadonlyMap<string, Date>;
    beatLostMs?: number;
    host?: string;
    isAlive?: (pid: number) => boolean;
  },
): number[] {
  const host = opts.host ?? hostname();
  const isAlive = opts.isAlive ?? alive;
  const verdicts = new Map<string, boolean>();
  const gone = (by: string): boolean => {
    const known = verdicts.get(by);
    if (known !== undefined) return known;
    const match = /^(.*):(\d+):[^:]*$/.exec(by);
    const pid = Number(match?.[2]);
    const here = match !== null && match[1] === host && (pid === process.pid ? !runningHere.has(by) : !isAlive(pid));
    const beat = opts.beats?.get(by);
    const verdict = here || (beat !== undefined && opts.beatLostMs !== undefined && opts.now.getTime() - beat.getTime() > opts.beatLostMs);
    verdicts.set(by, verdict);
    return verdict;
  };
  return claims
    .filter((c) => {
      if (c.claimedBy === opts.holder) return false;
      if (c.claimedBy === null || c.claimedAt === null) return true;
      const beats = opts.beats?.has(c.claimedBy) === true;
      return gone(c.claimedBy) || (!beats && opts.now.getTime() - c.claimedAt.getTime() >= opts.staleMs);
    })
    .map((c) => c.id);
}
