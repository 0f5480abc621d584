import { dbErrorReason, isTransientDbError } from './transient.ts';

/**
 * Whether the database can take writes, for /health. Two sources: a cheap
 * write probe (rate-limited), and what real work saw — a disk that fills up
 * can still pass a probe that commits nothing, so a turn's write failure
 * counts until a later write succeeds (or a while has passed with the probe
 * passing and no failure since).
 */
export interface DbHealth {
  /** A write failed; only database conditions (full, read-only, unreachable) count. */
  failed(err: unknown): void;
  /** A write went through. */
  succeeded(): void;
  check(): Promise<{ ok: true } | { ok: false; reason: string }>;
}

export function createDbHealth(opts: { probe(): Promise<void>; now?: () => number; probeEveryMs?: number; trustProbeAfterMs?: number }): DbHealth {
  const now = opts.now ?? Date.now;
  const every = opts.probeEveryMs ?? 3_000;
  const trustAfter = opts.trustProbeAfterMs ?? 30_000;
  let seen: { reason: string; at: number } | null = null;
  let probed: { at: number; reason: string | null } | null = null;
  let probing: Promise<void> | null = null;

  const probe = (): Promise<void> =>
    (probing ??= opts
      .probe()
      .then(
        () => void (probed = { at: now(), reason: null }),
        (err: unknown) => void (probed = { at: now(), reason: dbErrorReason(err) }),
      )
      .finally(() => (probing = null)));

  return {
    failed(err) {
      if (isTransientDbError(err)) seen = { reason: dbErrorReason(err), at: now() };
    },
    succeeded() {
      seen = null;
    },
    async check() {
      if (probed === null || now() - probed.at >= every) await probe();
      if (probed?.reason) return { ok: false, reason: `database cannot write: ${probed.reason}` };
      if (seen !== null && now() - seen.at < trustAfter) return { ok: false, reason: `database cannot write: ${seen.reason}` };
      seen = null;
      return { ok: true };
    },
  };
}
