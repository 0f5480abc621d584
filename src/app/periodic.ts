/**
 * Runs `pass` every `intervalMs` until stopped, one pass at a time (a slow
 * pass is not overlapped by the next); a failing pass is reported and the
 * next one runs as usual. The timer does not keep the process alive.
 */
export function every(intervalMs: number, pass: () => Promise<unknown>, onError: (err: unknown) => void): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = pass()
      .catch(onError)
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
