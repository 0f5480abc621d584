/**
 * Where Setu's CPU time goes, by area, from V8 CPU profiles (.cpuprofile, as
 * `npm run bench:webhook -- --cpu-prof DIR` writes them for the measured
 * window). Each sample is given to the area of the innermost frame that
 * names one (a native call, or Node's sockets and streams, count for the
 * JavaScript that made them: a better-sqlite3 statement or a pg query's
 * socket write is database time). Also a command:
 *
 *   tsx bench/profileAreas.ts DIR [--messages N]
 *
 * prints the areas of every profile under DIR, per acknowledged message when
 * N is given.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Areas in the order they are printed; the first rule that matches a frame's URL wins. */
const AREAS: Array<[string, RegExp]> = [
  ['understanding free text (engine/parse, infra/llm rules)', /\/(engine\/parse|infra\/llm)\//],
  ['conversation engine and domain (flows, eligibility, cases)', /\/(engine|domain)\//],
  ['i18n (i18next, rendering replies)', /i18next|\/infra\/i18n\//],
  ['database (Prisma, better-sqlite3, pg, turn store, claims)', /@prisma|better-sqlite3|\/node_modules\/pg|pg-protocol|\/infra\/db\//],
  ['outbox delivery (worker, senders)', /\/infra\/delivery\/|\/channels\/[a-z]+\/sender/],
  ['HTTP and webhooks (node:http, Fastify, grammY, undici, channels)', /node:_http|node:http\b|node:internal\/http|fastify|find-my-way|grammy|undici|\/channels\//],
  ['sealing (AES-GCM field cipher)', /node:internal\/crypto|\/infra\/crypto\//],
  ['validation (zod)', /\/zod\//],
  ['logging (pino)', /pino|sonic-boom|\/infra\/log\//],
  ['the app: pipeline, limits, jobs', /\/app\//],
];
const GC = 'garbage collection';
const OTHER = 'other (Node internals, promises, timers)';

function areaOfUrl(url: string): string | null {
  for (const [name, re] of AREAS) if (re.test(url)) return name;
  return null;
}

/** Node's own sockets, streams, timers and promises work for whoever called them: a pg query's socket write is database time. */
const inherits = (url: string): boolean => url === '' || (url.startsWith('node:') && areaOfUrl(url) === null);

/** Busy microseconds per area (idle left out) and in all. */
export function profileAreas(profile: Profile): { areas: Map<string, number>; busyUs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const areaOfNode = new Map<number, string>();
  const resolve = (id: number): string => {
    const known = areaOfNode.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    let area = OTHER;
    if (node) {
      const { functionName, url } = node.callFrame;
      if (functionName === '(garbage collector)') area = GC;
      else {
        const own = inherits(url) ? null : areaOfUrl(url);
        const up = parent.get(id);
        area = own ?? (up === undefined ? OTHER : resolve(up));
      }
    }
    areaOfNode.set(id, area);
    return area;
  };
  const areas = new Map<string, number>();
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const name = byId.get(id)?.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') return;
    const us = profile.timeDeltas[i] ?? 0;
    busyUs += us;
    const area = resolve(id);
    areas.set(area, (areas.get(area) ?? 0) + us);
  });
  return { areas, busyUs };
}

function profilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return profilesUnder(path);
    return name.endsWith('.cpuprofile') ? [path] : [];
  });
}

/** The areas of every profile under `dir` together, as lines; per message when `messages` is given. */
export function areaLines(dir: string, messages: number | null): string[] {
  const files = profilesUnder(dir);
  if (files.length === 0) return [`no .cpuprofile under ${dir}`];
  const total = new Map<string, number>();
  let busy = 0;
  for (const f of files) {
    const { areas, busyUs } = profileAreas(JSON.parse(readFileSync(f, 'utf8')) as Profile);
    busy += busyUs;
    for (const [a, us] of areas) total.set(a, (total.get(a) ?? 0) + us);
  }
  const per = (us: number): string => (messages ? `${(us / 1000 / messages).toFixed(3)} ms/msg` : `${(us / 1e6).toFixed(2)} s`);
  return [
    `busy ${(busy / 1e6).toFixed(2)} s in ${files.length} profile${files.length === 1 ? '' : 's'}${messages ? `, ${per(busy)} over ${messages} acknowledged messages` : ''}`,
    ...[...total.entries()].sort((a, b) => b[1] - a[1]).map(([a, us]) => `  ${per(us).padStart(14)}  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${a}`),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ options: { messages: { type: 'string' } }, allowPositionals: true, strict: true });
  const dir = positionals[0];
  if (!dir) {
    process.stderr.write('usage: tsx bench/profileAreas.ts DIR [--messages N]\n');
    process.exit(2);
  }
  const n = values.messages === undefined ? null : Number(values.messages);
  process.stdout.write(`${areaLines(dir, n !== null && n > 0 ? n : null).join('\n')}\n`);
}
