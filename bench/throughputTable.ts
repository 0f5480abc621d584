/**
 * The figures of `npm run bench:webhook` as a table: one line per row, each
 * figure with its ratio to the baseline of the same database and process
 * count, then PG 3 ÷ 1 processes, the issue's targets (PASS/MISS) and notes.
 */
import type { Provider } from './throughputServers.ts';

export type RowKind = 'baseline' | 'telegram' | 'messenger' | 'directline';

export interface RowResult {
  provider: Provider;
  processes: number;
  kind: RowKind;
  /** Acknowledged in the measured window, per second. */
  ackedPerSecond: number;
  ackP50: number;
  ackP99: number;
  /** NaN for the baseline (it sends nothing). */
  replyP50: number;
  replyP99: number;
  deliveredPerSecond: number;
  /** Acknowledged messages (the whole run) whose reply never reached the stand-in. */
  missing: number;
  /** The row's processes' CPU (user + system) over the window: cores busy, and ms per acknowledged message. */
  cpuCores: number;
  cpuMsPerMessage: number;
  notes: string[];
  /** Where Setu's CPU went over the window, by area (with --cpu-prof). */
  profile?: string[];
}

export const LABEL: Record<RowKind, string> = { baseline: 'baseline', telegram: 'Telegram', messenger: 'Messenger', directline: 'Direct Line' };
const DB: Record<Provider, string> = { sqlite: 'SQLite', postgresql: 'PostgreSQL' };

export const quantile = (values: readonly number[], p: number): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? Number.NaN;
};

const msText = (v: number): string => (Number.isFinite(v) ? (v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`) : '–');
const ratio = (v: number, base: number | undefined): string => (base !== undefined && Number.isFinite(v) && Number.isFinite(base) && base > 0 ? ` ×${(v / base).toFixed(2)}` : '');

/** Setu's rows need the baseline of their group for ratios; a group is a database and a process count. */
const baselineOf = (rows: readonly RowResult[], r: RowResult): RowResult | undefined => rows.find((b) => b.kind === 'baseline' && b.provider === r.provider && b.processes === r.processes);

export function table(rows: readonly RowResult[]): string {
  const header = ['database', 'procs', 'row', 'acked/s (÷base)', 'ack p50 (×base)', 'ack p99 (×base)', 'reply p50 (×base ack p50)', 'reply p99 (×base ack p99)', 'delivered/s', 'replies missing', 'CPU cores', 'CPU/msg (×base)'];
  const lines = rows.map((r) => {
    const b = r.kind === 'baseline' ? undefined : baselineOf(rows, r);
    return [
      DB[r.provider],
      String(r.processes),
      LABEL[r.kind],
      `${r.ackedPerSecond.toFixed(1)}${ratio(r.ackedPerSecond, b?.ackedPerSecond)}`,
      `${msText(r.ackP50)}${ratio(r.ackP50, b?.ackP50)}`,
      `${msText(r.ackP99)}${ratio(r.ackP99, b?.ackP99)}`,
      r.kind === 'baseline' ? '–' : `${msText(r.replyP50)}${ratio(r.replyP50, b?.ackP50)}`,
      r.kind === 'baseline' ? '–' : `${msText(r.replyP99)}${ratio(r.replyP99, b?.ackP99)}`,
      r.kind === 'baseline' ? '–' : r.deliveredPerSecond.toFixed(1),
      r.kind === 'baseline' ? '–' : String(r.missing),
      Number.isFinite(r.cpuCores) ? r.cpuCores.toFixed(2) : '–',
      `${msText(r.cpuMsPerMessage)}${ratio(r.cpuMsPerMessage, b?.cpuMsPerMessage)}`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt)].join('\n');
}

/** Setu's (and the baseline's) acknowledged/s with 3 processes ÷ with 1, on PostgreSQL. */
export function scaling(rows: readonly RowResult[]): Map<RowKind, number> {
  const out = new Map<RowKind, number>();
  for (const three of rows.filter((r) => r.provider === 'postgresql' && r.processes === 3)) {
    const one = rows.find((r) => r.provider === 'postgresql' && r.processes === 1 && r.kind === three.kind);
    if (one && one.ackedPerSecond > 0) out.set(three.kind, three.ackedPerSecond / one.ackedPerSecond);
  }
  return out;
}

const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

export function targets(rows: readonly RowResult[]): string[] {
  const lines: string[] = [];
  for (const r of rows.filter((x) => x.provider === 'sqlite' && x.kind !== 'baseline')) {
    const b = baselineOf(rows, r);
    const share = b && b.ackedPerSecond > 0 ? r.ackedPerSecond / b.ackedPerSecond : Number.NaN;
    lines.push(
      `  SQLite, ${LABEL[r.kind]}: throughput ≥ 33 % of the baseline's: ${Number.isFinite(share) ? `${(share * 100).toFixed(1)} %` : 'no baseline'} → ${verdict(share >= 0.33)}; ` +
        `ack p99 < 50 ms: ${msText(r.ackP99)} → ${verdict(r.ackP99 < 50)}`,
    );
  }
  const scale = scaling(rows);
  for (const r of rows.filter((x) => x.provider === 'postgresql' && x.processes === 3 && x.kind !== 'baseline')) {
    const s = scale.get(r.kind);
    lines.push(`  PostgreSQL, ${LABEL[r.kind]}: 3 processes ≥ 2× 1 process: ${s === undefined ? 'no 1-process row to compare with' : `${s.toFixed(2)}×`} → ${verdict(s !== undefined && s >= 2)}`);
  }
  return lines.length > 0 ? ['Targets (the issue):', ...lines] : ['Targets (the issue): none of their rows were run'];
}

export function scalingLine(rows: readonly RowResult[]): string | null {
  const scale = scaling(rows);
  if (scale.size === 0) return null;
  const parts = [...scale.entries()].map(([kind, s]) => `${LABEL[kind]} ${s.toFixed(2)}×`);
  return `PG 3 processes ÷ PG 1 process (acknowledged/s): ${parts.join(', ')}`;
}

/** Each profiled row's areas, under its label. */
export function profileLines(rows: readonly RowResult[]): string[] {
  return rows.flatMap((r) => (r.profile ? [`  ${DB[r.provider]} ×${r.processes} ${LABEL[r.kind]}: ${r.profile[0] ?? ''}`, ...r.profile.slice(1).map((l) => `  ${l}`)] : []));
}

export function rowNotes(rows: readonly RowResult[]): string[] {
  return rows.filter((r) => r.notes.length > 0).map((r) => `  ${DB[r.provider]} ×${r.processes} ${LABEL[r.kind]}: ${r.notes.join('; ')}`);
}

/** What every run's figures mean, under the table. */
export const GENERAL_NOTES: readonly string[] = [
  '  acked/s: calls answered 200 in the measured window. Latencies are of the calls that started in it; ack is POST start → 200 (retries included).',
  '  reply: POST start → the first platform message carrying the call\'s reply at the stand-in (Direct Line: on the conversation\'s WebSocket stream),',
  '  matched to its call through Setu\'s inbound and outbox rows (Direct Line: replyToId); ×base compares it with the baseline\'s ack, the bare durable turn.',
  '  Telegram replies are paced by Setu to the platform\'s limits (about 30 messages/s bot-wide, 1/s per chat): with this many chats writing this fast,',
  '  their reply latency is the backlog of that pace, not Setu\'s speed. Messenger is paced to 300/s per Page.',
  '  Messenger acknowledges once the event is recorded and runs the turn after; Telegram and Direct Line acknowledge after the turn.',
  '  The baseline takes Telegram-shaped calls; with 3 processes every call goes to the next process in turn.',
  '  CPU: user + system time of the row\'s own processes (Setu\'s, or the baseline\'s; not PostgreSQL\'s, not the load\'s) over the window,',
  '  as cores busy and per acknowledged message: a figure other work on the machine does not inflate the way it does latency.',
];

