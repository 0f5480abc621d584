import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../url.ts';

export type Provider = 'sqlite' | 'postgresql';

/** Prisma's standard layout, one per provider: the SQLite schema is the source, the PostgreSQL one is derived from it. */
export function layout(provider: Provider, root: string = PROJECT_ROOT): { schema: string; migrations: string } {
  const base = provider === 'sqlite' ? join(root, 'prisma') : join(root, 'prisma', 'postgres');
  return { schema: join(base, 'schema.prisma'), migrations: join(base, 'migrations') };
}

export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 of the file, as Prisma records it in _prisma_migrations. */
  checksum: string;
}

/** The committed migrations, oldest first (folder names start with a timestamp). */
export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * The PostgreSQL schema, derived from the SQLite one: same models, other
 * provider and client output. Kept textual so the models stay identical.
 */
export function derivePostgresSchema(sqliteSchema: string): string {
  const header =
    '// GENERATED from prisma/schema.prisma by `npm run db:derive` — edit that file, not this one.\n' +
    '// `npm run db:check` fails when this copy is out of date.\n\n';
  const swaps: Array<[RegExp, string]> = [
    [/^(\s*output\s*=\s*)"\.\.\/src\/generated\/sqlite"/m, '$1"../../src/generated/postgres"'],
    [/^(\s*provider\s*=\s*)"sqlite"/m, '$1"postgresql"'],
  ];
  let body = sqliteSchema.replace(/^\/\/ Source of truth[^\n]*\n(\/\/[^\n]*\n)*\n?/m, '');
  for (const [pattern, replacement] of swaps) {
    if (!pattern.test(body)) throw new Error(`prisma/schema.prisma does not look like the SQLite source schema (no match for ${pattern.source})`);
    body = body.replace(pattern, replacement);
  }
  return header + body;
}

/** The derived PostgreSQL schema as committed, and as `db:derive` would write it now. */
export function derivedSchemaState(root: string = PROJECT_ROOT): { current: string; expected: string } {
  const expected = derivePostgresSchema(readFileSync(layout('sqlite', root).schema, 'utf8'));
  const file = layout('postgresql', root).schema;
  return { current: existsSync(file) ? readFileSync(file, 'utf8') : '', expected };
}

/** Writes the derived PostgreSQL schema when it is out of date; true when it wrote. */
export function writeDerivedSchema(root: string = PROJECT_ROOT): boolean {
  const { current, expected } = derivedSchemaState(root);
  if (current === expected) return false;
  const file = layout('postgresql', root).schema;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, expected);
  return true;
}
