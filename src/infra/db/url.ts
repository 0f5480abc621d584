import { existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The nearest folder above `from` holding package.json: the same from src/ (tsx) and from dist/src/ (compiled). */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/** The project root (where package.json is): relative SQLite paths are taken from here, not from the shell's cwd. */
export const PROJECT_ROOT = findRoot(fileURLToPath(new URL('.', import.meta.url)));

export type DbTarget = { provider: 'sqlite'; file: string } | { provider: 'postgresql'; url: string };

const POSTGRES = /^postgres(ql)?:\/\//;

/** `file:<path>` (SQLite) or `postgresql://…` (PostgreSQL), each checked for what it needs. */
const DatabaseUrl = z
  .string()
  .trim()
  .superRefine((url, ctx) => {
    if (url.startsWith('file:')) {
      if (url.length === 'file:'.length) ctx.addIssue({ code: 'custom', message: 'a SQLite URL names its file, like file:data/setu.db' });
      return;
    }
    if (!POSTGRES.test(url)) {
      ctx.addIssue({ code: 'custom', message: 'use file:<path> for SQLite (like file:data/setu.db) or postgresql://user@host:5432/db for PostgreSQL' });
      return;
    }
    const parsed = URL.canParse(url) ? new URL(url) : null;
    if (!parsed || parsed.hostname === '' || parsed.pathname.length <= 1) {
      ctx.addIssue({ code: 'custom', message: 'a PostgreSQL URL names its host and database, like postgresql://user@host:5432/db' });
    }
  });

/**
 * @example parseDatabaseUrl('file:data/setu.db') // { provider: 'sqlite', file: '/…/setu/data/setu.db' }
 * @example parseDatabaseUrl('postgresql://postgres@127.0.0.1:5432/setu') // { provider: 'postgresql', url: … }
 * @throws naming what is wrong with the URL (the URL itself is not repeated: it may hold a password).
 */
export function parseDatabaseUrl(url: string, root: string = PROJECT_ROOT): DbTarget {
  const parsed = DatabaseUrl.safeParse(url);
  if (!parsed.success) throw new Error(`DATABASE_URL is not usable: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const value = parsed.data;
  if (value.startsWith('file:')) {
    const path = value.slice('file:'.length);
    return { provider: 'sqlite', file: isAbsolute(path) ? path : resolve(root, path) };
  }
  return { provider: 'postgresql', url: value };
}

/** SQLite creates the file but not its directory (a fresh clone has no data/). */
export function ensureSqliteDir(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
}
