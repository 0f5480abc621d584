import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/infra/db/url.ts';

/**
 * Setu as its own process, started the way `npm start` starts it
 * (`node scripts/start.mjs`: the compiled dist/, built first if stale), so a
 * test can send it real signals or kill it outright.
 */
export interface ChildSetu {
  child: ChildProcess;
  url: string;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export async function startChildSetu(env: Record<string, string>, timeoutMs = 120_000): Promise<ChildSetu> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'scripts', 'start.mjs')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Setu did not start within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const look = (): void => {
      const m = /Health:\s+(http:\/\/[^/\s]+)\/health/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Setu exited (${code}) before it started:\n${out}`));
    });
  });
  return { child, url, output: () => out, exited };
}
