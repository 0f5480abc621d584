import { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

/** What may be logged of a failed call: its kind and HTTP status, never its message (a provider may echo the input). */
export interface Failure {
  outcome: 'timeout' | 'error';
  status?: number;
  error: string;
}

export function describeFailure(err: unknown): Failure {
  // Our own deadline aborts the request: to the SDK that is a user abort.
  const timedOut = err instanceof APIConnectionTimeoutError || err instanceof APIUserAbortError || (err instanceof Error && err.name === 'AbortError');
  const status = err instanceof APIError && typeof err.status === 'number' ? err.status : undefined;
  return {
    outcome: timedOut ? 'timeout' : 'error',
    ...(status === undefined ? {} : { status }),
    error: err instanceof Error ? err.constructor.name : typeof err,
  };
}

/** Aborts after `ms`; `clear()` once the call is over so no timer outlives it. */
export function deadline(ms: number): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
