import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  const body = sqliteSchema
    .replace(/^\/\/ Source of truth[^\n]*\n(\/\/[^\n]*\n)*\n?/m, '')
    .replace('output       = "../src/generated/sqlite"', 'output       = "../../src/generated/postgres"')
    .replace(/provider = "sqlite"/, 'provider = "postgresql"');
  if (body === sqliteSchema) throw new Error('prisma/schema.prisma does not look like the SQLite source schema');
  return header + body;
}
