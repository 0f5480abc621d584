import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The project root (where package.json is): relative SQLite paths are taken from here, not from the shell's cwd. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export type DbTarget = { provider: 'sqlite'; file: string } | { provider: 'postgresql'; url: string };

const UrlSchema = z.union([
  z.string().regex(/^file:.+/, 'a SQLite URL looks like file:data/setu.db'),
  z.string().regex(/^postgres(ql)?:\/\/.+/, 'a PostgreSQL URL looks like postgresql://user@host:5432/db'),
]);

/**
 * @example parseDatabaseUrl('file:data/setu.db') // { provider: 'sqlite', file: '/…/setu/data/setu.db' }
 * @example parseDatabaseUrl('postgresql://postgres@127.0.0.1:5432/setu') // { provider: 'postgresql', url: … }
 */
export function parseDatabaseUrl(url: string, root: string = PROJECT_ROOT): DbTarget {
  const parsed = UrlSchema.safeParse(url);
  if (!parsed.success) throw new Error(`DATABASE_URL is not usable: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length);
    return { provider: 'sqlite', file: isAbsolute(path) ? path : resolve(root, path) };
  }
  return { provider: 'postgresql', url };
}

/** SQLite creates the file but not its directory (a fresh clone has no data/). */
export function ensureSqliteDir(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
}
