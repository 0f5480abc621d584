/**
 * Database chores, offline (no native Prisma engine needed). See --help.
 */
import { execFileSync } from 'node:child_process';
import { loadEnv } from '../src/config/env.ts';
import { applyPendingMigrations, migrationStatus } from '../src/infra/db/migrations.ts';
import { backupDatabase, restoreDatabase } from '../src/infra/db/backup.ts';
import { checkDrift, DEFAULT_PG_ADMIN_URL, pendingSchemaChange, writeMigration } from '../src/infra/db/migrate/drift.ts';
import { layout, writeDerivedSchema, type Provider } from '../src/infra/db/migrate/layout.ts';
import { PROJECT_ROOT } from '../src/infra/db/url.ts';

const HELP = `npm run db:<command>  (or: tsx scripts/db.ts <command>)

  derive           write prisma/postgres/schema.prisma from prisma/schema.prisma (SQLite is the source of truth)
  migrate <name>   after editing prisma/schema.prisma: derive, then create a migration for SQLite and
                   PostgreSQL (needs the PostgreSQL server for its scratch database) and regenerate the clients;
                   Setu applies them at its next start (or run db:deploy)
  deploy           apply pending migrations to DATABASE_URL (Setu also does this at every start)
  status           list applied and pending migrations of DATABASE_URL
  backup <file>    a consistent copy of DATABASE_URL while Setu runs (SQLite's online backup, or pg_dump -Fc);
                   sealed columns stay sealed: keep the data key (SETU_DATA_KEY or SETU_DATA_DIR/setu.key) apart
  restore <file> --yes
                   put a backup back as DATABASE_URL (SQLite: stop Setu first; PostgreSQL: pg_restore --clean)
  check            fail (exit 1) when the schema and the migrations differ, for either provider, or the
                   derived PostgreSQL schema is stale. Uses scratch databases; touches no real data.

Settings: DATABASE_URL (default file:data/setu.db); POSTGRES_ADMIN_URL, where scratch PostgreSQL
databases are created (default ${DEFAULT_PG_ADMIN_URL}).`;

const PROVIDERS: Provider[] = ['sqlite', 'postgresql'];

function derive(): void {
  if (writeDerivedSchema()) process.stdout.write('wrote prisma/postgres/schema.prisma\n');
}

async function main(): Promise<number> {
  const [command, arg] = process.argv.slice(2);
  switch (command) {
    case 'derive':
      derive();
      return 0;
    case 'migrate': {
      if (!arg || !/^[A-Za-z][A-Za-z0-9_]*$/.test(arg)) {
        process.stderr.write('Give the migration a name: npm run db:migrate -- add_cases (letters, digits, _)\n');
        return 1;
      }
      derive();
      const now = new Date();
      // Both diffs first, so a missing PostgreSQL server leaves no half-made migration behind.
      const changes: Array<[Provider, string]> = [];
      for (const provider of PROVIDERS) {
        process.stdout.write(`${provider}: comparing the migrations with the schema…\n`);
        changes.push([provider, await pendingSchemaChange(provider)]);
      }
      for (const [provider, sql] of changes) {
        const folder = writeMigration(provider, arg, now, sql);
        process.stdout.write(folder ? `${provider}: created ${layout(provider).migrations}/${folder}/migration.sql\n` : `${provider}: no changes\n`);
      }
      execFileSync('npm', ['run', '--silent', 'db:generate'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
      return 0;
    }
    case 'deploy': {
      const env = loadEnv();
      const { applied } = await applyPendingMigrations(env.DATABASE_URL);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'nothing to apply\n');
      return 0;
    }
    case 'backup': {
      if (!arg) {
        process.stderr.write('Where to? npm run db:backup -- backups/setu-2026-12-03.db\n');
        return 1;
      }
      const { file, bytes } = await backupDatabase(loadEnv().DATABASE_URL, arg);
      process.stdout.write(`backup written: ${file} (${bytes} bytes)\n`);
      return 0;
    }
    case 'restore': {
      if (!arg || !process.argv.includes('--yes')) {
        process.stderr.write('This replaces the database. Stop Setu (SQLite), then: npm run db:restore -- <file> --yes\n');
        return 1;
      }
      restoreDatabase(loadEnv().DATABASE_URL, arg);
      process.stdout.write(`restored from ${arg}; Setu applies any newer migrations at its next start\n`);
      return 0;
    }
    case 'status': {
      const env = loadEnv();
      const s = await migrationStatus(env.DATABASE_URL);
      process.stdout.write(`applied (${s.applied.length}): ${s.applied.join(', ') || '—'}\npending (${s.pending.length}): ${s.pending.join(', ') || '—'}\n`);
      return 0;
    }
    case 'check': {
      const report = await checkDrift();
      if (report.staleDerivedSchema) {
        process.stderr.write('prisma/postgres/schema.prisma is out of date with prisma/schema.prisma: run npm run db:migrate -- <name> (or db:derive)\n');
      }
      for (const provider of PROVIDERS) {
        const sql = report.missingSql[provider];
        if (sql === '') process.stdout.write(`${provider}: schema and migrations agree\n`);
        else process.stderr.write(`${provider}: the schema has changes no migration holds; run npm run db:migrate -- <name>. Missing SQL:\n${sql}\n`);
      }
      if (!report.ok) process.stderr.write('db:check failed: the schema and the migrations differ\n');
      return report.ok ? 0 : 1;
    }
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${HELP}\n`);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`unknown command ${command}\n\n${HELP}\n`);
      return 1;
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  process.stderr.write(`db: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
