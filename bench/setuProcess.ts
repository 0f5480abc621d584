/**
 * Setu as a child process of a bench, started the way `npm start` starts it
 * (`node scripts/start.mjs`: the compiled dist/, built first when stale), on
 * a fixed port so that a restart after a kill keeps the URL the load posts to.
 * In the spirit of test/support/childSetu.ts, with start-up timing, peak RSS
 * and a kill-and-restart for the bench.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Settings Setu reads that the bench sets itself or must not inherit from the
 * shell (a developer's own Telegram token or Messenger page must not leak into
 * a bench run, and an empty value would fail Setu's validation).
 */
const NOT_INHERITED = [
  'DATABASE_URL',
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'PUBLIC_URL',
  'SETU_DATA_DIR',
  'SETU_DATA_KEY',
  'SETU_CLOCK_OFFSET_DAYS',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'TELEGRAM_API_ROOT',
  'FB_PAGE_ACCESS_TOKEN',
  'FB_APP_SECRET',
  'FB_VERIFY_TOKEN',
  'FB_GRAPH_API_ROOT',
  'FB_GRAPH_API_VERSION',
  'FB_HUMAN_AGENT',
  'OUTBOX_POLL_MS',
  'CONTACT_RATE_BURST',
  'CONTACT_RATE_PER_MINUTE',
  'CASES_PER_DAY',
  'STATUS_LOOKUPS_PER_DAY',
  'TURN_DEADLINE_MS',
  'SHUTDOWN_GRACE_MS',
];

/** One life of the child, from spawn to its exit. */
export interface SetuLife {
  pid: number;
  /** Spawn → the "Health: http://…/health" line, in milliseconds. */
  startupMs: number;
  /** scripts/start.mjs built dist/ first (the sources were newer): the start-up time includes the build. */
  built: boolean;
  /** VmHWM of the process as last read (just before it was killed or stopped), in kB; 0 if /proc could not be read. */
  peakRssKb: number;
  /** How it ended: 'killed' (SIGKILL from the bench), 'stopped' (SIGTERM, exit code), 'running'. */
  end: 'running' | 'killed' | { stopped: number | null };
}

export interface SetuProcess {
  /** http://127.0.0.1:<port>, the same across restarts. */
  url: string;
  port: number;
  /** Every life so far, the current one last. */
  lives: SetuLife[];
  /** Whether the current life has printed its Health line and not been killed. */
  up(): boolean;
  /** Everything every life printed (stdout and stderr), in order. */
  output(): string;
  /** SIGKILL now, wait for the exit, start again at once on the same database and port; resolves when it is up. */
  killAndRestart(): Promise<SetuLife>;
  /** SIGTERM (Setu's graceful stop: in-flight turns finish, delivery stops, the database closes); resolves with the exit code. */
  stop(timeoutMs?: number): Promise<number | null>;
}

/** A TCP port free on 127.0.0.1 just now (picked once; Setu keeps it across restarts). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port was given'))));
    });
  });
}

/** VmHWM (peak resident set) of a live process in kB, from /proc; 0 where /proc is not there. */
export function peakRssKb(pid: number): number {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Starts Setu with `env` on top of the shell's environment (minus the
 * settings in NOT_INHERITED), on `port` of 127.0.0.1, and waits for its
 * Health line.
 */
export async function startSetuProcess(opts: { env: Record<string, string>; port: number; timeoutMs?: number }): Promise<SetuProcess> {
  const timeoutMs = opts.timeoutMs ?? 180_000;
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !NOT_INHERITED.includes(k)));
  const env: Record<string, string | undefined> = { ...inherited, LOG_LEVEL: 'warn', ...opts.env, PORT: String(opts.port), HOST: '127.0.0.1' };
  const url = `http://127.0.0.1:${opts.port}`;
  const lives: SetuLife[] = [];
  let out = '';
  let child: ChildProcess | null = null;
  let exited: Promise<number | null> = Promise.resolve(null);
  let isUp = false;

  // The bench may end by an error or Ctrl+C: Setu must not outlive it.
  const reap = (): void => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', reap);

  const launch = async (): Promise<SetuLife> => {
    const t0 = performance.now();
    const from = out.length;
    const c = spawn(process.execPath, [join(PROJECT_ROOT, 'scripts', 'start.mjs')], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    isUp = false;
    c.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    c.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    exited = new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code)));
    const startupMs = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Setu did not start within ${timeoutMs} ms:\n${out.slice(from)}`)), timeoutMs);
      const look = (): void => {
        if (/Health:\s+http:\/\/[^/\s]+\/health/.test(out.slice(from))) {
          clearTimeout(timer);
          c.stdout?.off('data', look);
          resolve(performance.now() - t0);
        }
      };
      c.stdout?.on('data', look);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`Setu exited (${code ?? c.signalCode}) before it started:\n${out.slice(from)}`));
      });
    });
    isUp = true;
    const life: SetuLife = { pid: c.pid ?? 0, startupMs, built: out.slice(from).includes('Building Setu into dist/'), peakRssKb: peakRssKb(c.pid ?? 0), end: 'running' };
    lives.push(life);
    return life;
  };

  await launch();
  const current = (): SetuLife => lives[lives.length - 1] as SetuLife;

  return {
    url,
    port: opts.port,
    lives,
    up: () => isUp,
    output: () => out,
    async killAndRestart() {
      const life = current();
      life.peakRssKb = Math.max(life.peakRssKb, peakRssKb(life.pid));
      isUp = false;
      child?.kill('SIGKILL');
      await exited;
      life.end = 'killed';
      return launch();
    },
    async stop(stopTimeoutMs = 30_000) {
      const life = current();
      life.peakRssKb = Math.max(life.peakRssKb, peakRssKb(life.pid));
      isUp = false;
      child?.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), stopTimeoutMs);
      const code = await exited;
      clearTimeout(timer);
      life.end = { stopped: code };
      process.off('exit', reap);
      return code;
    },
  };
}

/** Which Setu was measured: the commit, whether src/ differs from it, and when dist/ was built (read it after a start: that builds dist/ when stale). */
export function setuVersion(): string {
  const project = new URL('..', import.meta.url).pathname;
  const git = (...args: string[]): string => {
    try {
      return execFileSync('git', args, { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  let built = 'unknown';
  try {
    built = readFileSync(join(project, 'dist', '.built'), 'utf8').trim();
  } catch {
    // not built yet
  }
  const changed = git('status', '--porcelain', '--', 'src', 'prisma') !== '';
  return `Setu ${git('rev-parse', '--short', 'HEAD') || 'unknown commit'}${changed ? ' with uncommitted changes in src/ or prisma/' : ''}; dist/ built ${built}`;
}
