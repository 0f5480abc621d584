/**
 * What one row of `npm run bench:webhook` runs against: a fresh database
 * (an SQLite file in its own folder, or a PostgreSQL database
 * setu_bench_<random> dropped afterwards), and 1 or 3 processes on it, either
 * the bare baseline (bench/baseline.ts) or Setu as `npm start` runs it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { pgAdminUrl } from '../src/infra/db/migrate/drift.ts';
import { freePort, startSetuProcess, type SetuProcess } from './setuProcess.ts';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export type Provider = 'sqlite' | 'postgresql';

export interface BenchDatabase {
  provider: Provider;
  url: string;
  /** The row's own folder (the SQLite file, Setu's data folders). */
  dir: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: pgAdminUrl() });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`the PostgreSQL rows need the server at ${pgAdminUrl()} (POSTGRES_ADMIN_URL): ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

export async function freshDatabase(provider: Provider, dir: string): Promise<BenchDatabase> {
  // Owner-only, as Setu wants its data folder (it would tighten it and warn).
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  if (provider === 'sqlite') return { provider, url: `file:${join(dir, 'bench.db')}`, dir, drop: async () => removeDir() };
  const name = `setu_bench_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(pgAdminUrl());
  url.pathname = `/${name}`;
  return {
    provider,
    url: url.toString(),
    dir,
    drop: async () => {
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      removeDir();
    },
  };
}

export interface Servers {
  urls: string[];
  /** Spawn → listening, per process, in ms. */
  startupMs: number[];
  /** Stops every process (SIGTERM); resolves with a line on how they ended. */
  stop(): Promise<string>;
  /** Everything the processes printed. */
  output(): string;
  /** Peak RSS per process in kB (Setu only; read at the stop). */
  peakRssKb(): number[];
  /** CPU time (user + system) the processes have used so far, in ms. */
  cpuMs(): number;
  /** The processes' pids now (a profiled Setu starts and stops its profiler on SIGUSR2). */
  pids(): number[];
}

/** Clock ticks per second of /proc's CPU times. */
let ticksPerSecond = 0;
/** CPU time (user + system) of live processes, in ms, from /proc/<pid>/stat; NaN where /proc is not there. */
function cpuOf(pids: readonly number[]): number {
  if (ticksPerSecond === 0) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  let ticks = 0;
  for (const pid of pids) {
    try {
      // After the command's closing parenthesis: state is field 3, utime and stime are fields 14 and 15.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return Number.NaN;
    }
  }
  return (ticks * 1000) / ticksPerSecond;
}

/** One baseline process on `port`; resolves when it listens. */
async function startBaseline(url: string, port: number): Promise<{ stop(): Promise<number | null>; output(): string; startupMs: number; pid: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench', 'baseline.ts'), '--database', url, '--port', String(port)], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const reap = (): void => void child.kill('SIGKILL');
  process.once('exit', reap);
  let out = '';
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('baseline listening on')) resolve();
    });
    void exited.then((code) => reject(new Error(`the baseline exited (${code}) before it listened:\n${out}`)));
  });
  return {
    startupMs: performance.now() - t0,
    pid: child.pid ?? 0,
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      process.off('exit', reap);
      return code;
    },
  };
}

export async function startBaselines(db: BenchDatabase, count: number): Promise<Servers> {
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  // The first creates the tables; PostgreSQL's CREATE TABLE IF NOT EXISTS can still clash when several run it at once.
  const first = await startBaseline(db.url, ports[0] as number);
  const rest = await Promise.all(ports.slice(1).map((p) => startBaseline(db.url, p)));
  const all = [first, ...rest];
  return {
    urls: ports.map((p) => `http://127.0.0.1:${p}`),
    startupMs: all.map((b) => b.startupMs),
    output: () => all.map((b) => b.output()).join(''),
    peakRssKb: () => [],
    cpuMs: () => cpuOf(all.map((b) => b.pid)),
    pids: () => all.map((b) => b.pid),
    async stop() {
      const codes = await Promise.all(all.map((b) => b.stop()));
      return `exit codes ${codes.map(String).join(', ')}`;
    },
  };
}

/**
 * Setu `count` times on the database, each with its own port and data folder.
 * All start at once: Setu migrates under a lock (an advisory lock on
 * PostgreSQL), and the ones that wait find the schema applied.
 */
export async function startSetus(db: BenchDatabase, count: number, env: (port: number) => Record<string, string>, cpuProfDir: string | null): Promise<Servers & { processes: SetuProcess[] }> {
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const processes = await Promise.all(
    ports.map((port, i) => {
      const dataDir = join(db.dir, `setu-${i + 1}`);
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      // Node 20 refuses --cpu-prof in NODE_OPTIONS; a preloaded module runs the profiler instead, from SIGUSR2 to SIGUSR2 (bench/throughputCpuProfile.mjs).
      const preload = pathToFileURL(join(PROJECT_ROOT, 'bench', 'throughputCpuProfile.mjs')).href;
      const profiling: Record<string, string> =
        cpuProfDir === null ? {} : { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${preload}`.trim(), SETU_BENCH_CPU_PROF_DIR: cpuProfDir };
      return startSetuProcess({ port, env: { ...env(port), ...profiling, DATABASE_URL: db.url, SETU_DATA_DIR: dataDir } });
    }),
  );
  return {
    processes,
    urls: processes.map((p) => p.url),
    startupMs: processes.map((p) => p.lives[0]?.startupMs ?? Number.NaN),
    output: () => processes.map((p) => p.output()).join(''),
    peakRssKb: () => processes.map((p) => p.lives.at(-1)?.peakRssKb ?? 0),
    cpuMs: () => cpuOf(processes.map((p) => p.lives.at(-1)?.pid ?? 0)),
    pids: () => processes.map((p) => p.lives.at(-1)?.pid ?? 0),
    async stop() {
      const codes = await Promise.all(processes.map((p) => p.stop()));
      return `graceful stop exit codes ${codes.map(String).join(', ')}`;
    },
  };
}

/** Setu's log at warn and above, in a line. */
export function logSummary(output: string): string | null {
  const names: Record<number, string> = { 40: 'warn', 50: 'error', 60: 'fatal' };
  const counts = new Map<string, number>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: unknown; msg?: unknown };
      const key = `${names[Number(entry.level)] ?? String(entry.level)} "${String(entry.msg)}"`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    } catch {
      // not a log line
    }
  }
  if (counts.size === 0) return null;
  return `Setu logged ${[...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, n]) => `${n}× ${k}`).join(', ')}`;
}
