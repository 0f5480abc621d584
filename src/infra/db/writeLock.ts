/**
 * One writer at a time, within this process. On SQLite the turn store writes
 * through its own synchronous connection while Prisma's interactive
 * transactions hold the write lock across awaits: if a turn's BEGIN IMMEDIATE
 * ran while such a transaction was open, it would block the event loop the
 * transaction needs to finish. Multi-statement writes therefore queue here.
 */
export interface WriteLock {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export function createWriteLock(): WriteLock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      const result = tail.then(work, work);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

/** PostgreSQL handles concurrent writers itself. */
export const noWriteLock: WriteLock = { run: (work) => work() };
