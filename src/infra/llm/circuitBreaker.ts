/**
 * Keeps a turn from waiting on a provider that is down: after `failures`
 * failed calls in a row the model is skipped for `pauseMs`, then one call is
 * let through to see whether it is back (others keep skipping meanwhile).
 */
export interface CircuitBreaker {
  /** Whether to call now; true obliges the caller to report success() or failure(). */
  allow(): boolean;
  success(): void;
  failure(): void;
  state(): 'closed' | 'open' | 'trying';
}

export interface CircuitBreakerOptions {
  failures?: number;
  pauseMs?: number;
  now?: () => number;
}

export function createCircuitBreaker({ failures = 3, pauseMs = 30_000, now = Date.now }: CircuitBreakerOptions = {}): CircuitBreaker {
  let inARow = 0;
  let openedAt: number | null = null;
  let trying = false;
  const open = (): void => {
    openedAt = now();
    trying = false;
  };
  return {
    allow() {
      if (openedAt === null) return true;
      if (trying || now() - openedAt < pauseMs) return false;
      trying = true;
      return true;
    },
    success() {
      inARow = 0;
      openedAt = null;
      trying = false;
    },
    failure() {
      inARow += 1;
      if (trying || inARow >= failures) open();
    },
    state() {
      return openedAt === null ? 'closed' : trying ? 'trying' : 'open';
    },
  };
}
