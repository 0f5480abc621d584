/** Polls `what` every 50 ms until it holds; fails the test when it has not within `ms`. */
export async function until(what: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (await what()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out waiting');
}

/** What `/health` says: its status and body. */
export async function healthOf(base: { url: string }): Promise<{ status: number; body: { ok: boolean; problem?: string } }> {
  const res = await fetch(`${base.url}/health`);
  return { status: res.status, body: (await res.json()) as { ok: boolean; problem?: string } };
}
