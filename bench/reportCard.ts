/**
 * What the public report card costs to work out: N generated cases (a year,
 * three districts) in a fresh SQLite file, the card computed as Setu does
 * (read in pages, tallied, suppressed), against a baseline run alongside:
 * one plain GROUP BY of the same cases by district and month, which is the
 * least any such report must read.
 *
 *   npm run bench:reportcard -- --cases 200000
 */
import Database from 'better-sqlite3';
import { computeReportCard } from '../src/app/openData/reportCardSource.ts';
import { createDb } from '../src/infra/db/client.ts';
import { applyPendingMigrations } from '../src/infra/db/migrations.ts';
import { tempSqliteUrl } from '../test/support/appHarness.ts';
import { generateCases, insertCases } from '../test/support/openDataSet.ts';
import { benchArgs } from './cli.ts';

const HELP = `npm run bench:reportcard -- [--cases N]
  --cases N   generated cases, 1000 to 2000000 (default 200000)
Prints the time to work out the report card, the areas and cells it holds, the
heap it takes, and the same cases counted by one GROUP BY as the baseline.`;

const args = benchArgs('bench:reportcard', HELP, { cases: { type: 'string' }, help: { type: 'boolean' } });
const count = args.wholeNumber('cases', args.values.cases, 200_000, 1_000, 2_000_000);
const now = new Date('2026-11-22T09:00:00Z');
const db = tempSqliteUrl();
try {
  process.stdout.write(`generating ${count} cases…\n`);
  await applyPendingMigrations(db.url);
  insertCases(db.url, generateCases(now, count));
  const raw = new Database(db.url.replace(/^file:/, ''), { readonly: true });
  let started = performance.now();
  const groups = raw.prepare(`SELECT districtCode, substr(createdAt, 1, 7) AS month, COUNT(*) AS n FROM "Case" GROUP BY 1, 2`).all().length;
  const baselineMs = performance.now() - started;
  raw.close();
  const setu = await createDb(db.url);
  // The generated cases are garbage by now: collected first (when allowed), so the peak is the card's.
  (globalThis as { gc?: () => void }).gc?.();
  // Heap, not RSS: the generator's memory stays in the process's RSS after it is collected.
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  started = performance.now();
  const card = await computeReportCard({ db: setu.prisma, clock: { now: () => now }, calendar: { weekend: [5, 6], holidays: new Set() } });
  const cardMs = performance.now() - started;
  clearInterval(sampler);
  await setu.close();
  const cells = [...card.areas.values()].reduce((n, a) => n + a.slices.size, 0);
  const row = (name: string, ms: number, note: string) => `${name.padEnd(28)} ${ms.toFixed(0).padStart(8)} ms   ${note}`;
  process.stdout.write(
    [
      `cases: ${count}`,
      row('baseline (one GROUP BY)', baselineMs, `${groups} groups`),
      row('report card', cardMs, `${card.areas.size} areas, ${cells} area-slices; ${(cardMs / baselineMs).toFixed(1)}× the baseline`),
      `per case: ${((cardMs * 1000) / count).toFixed(1)} µs; heap ${(before / 1_048_576).toFixed(0)} MB before, ${(peak / 1_048_576).toFixed(0)} MB at the peak`,
    ].join('\n') + '\n',
  );
} finally {
  db.cleanup();
}
