import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The shape of the code: one way down, channels → app → infra → engine →
 * domain, with `text` (Bangla/English text utilities) a leaf everyone may
 * use and `config` read only at the top. And no module imports itself back
 * through others.
 */

const SRC = resolve(import.meta.dirname, '../src');
const LAYERS = ['main.ts', 'channels', 'app', 'infra', 'engine', 'domain', 'text'];
/** Who may import these, besides themselves. */
const ONLY_FROM: Record<string, string[]> = { config: ['main.ts', 'channels', 'app'], generated: ['infra'] };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

const files = sources(SRC);
const imports = new Map(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)].map((m) => resolve(dirname(file), m[1] ?? ''));
    return [file, specs] as const;
  }),
);
const area = (file: string): string => relative(SRC, file).split('/')[0] ?? '';

describe('the shape of the code', () => {
  it('imports only downwards: channels → app → infra → engine → domain → text', () => {
    const wrong: string[] = [];
    for (const [file, targets] of imports) {
      const from = area(file);
      for (const target of targets) {
        const to = area(target);
        if (to === from) continue;
        const allowed = ONLY_FROM[to] ? ONLY_FROM[to].includes(from) : LAYERS.indexOf(to) > LAYERS.indexOf(from) && LAYERS.includes(from);
        if (!allowed) wrong.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no import cycles', () => {
    // Tarjan's strongly connected components: any with more than one module is a cycle.
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    let next = 0;
    const visit = (v: string): void => {
      index.set(v, next);
      low.set(v, next);
      next += 1;
      stack.push(v);
      onStack.add(v);
      for (const w of imports.get(v) ?? []) {
        if (!imports.has(w)) continue;
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
          onStack.delete(w);
          component.push(relative(SRC, w));
          if (w === v) break;
        }
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const file of files) if (!index.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
