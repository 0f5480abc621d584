import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDrift, createMigration, pendingSchemaChange } from '../../src/infra/db/migrate/drift.ts';
import { derivePostgresSchema, layout, readMigrations, writeDerivedSchema } from '../../src/infra/db/migrate/layout.ts';
import { applyPendingMigrations } from '../../src/infra/db/migrations.ts';
import { PROJECT_ROOT } from '../../src/infra/db/url.ts';

/** A copy of the project's prisma/ folder to change freely. */
function tempProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'setu-prisma-'));
  cpSync(join(PROJECT_ROOT, 'prisma'), join(root, 'prisma'), { recursive: true });
  return root;
}

describe('migrations and the schema', () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('agree as committed, on SQLite and PostgreSQL, and the PostgreSQL schema is the derived one', async () => {
    expect(await pendingSchemaChange('sqlite')).toBe('');
    expect(await pendingSchemaChange('postgresql')).toBe('');
    const derived = derivePostgresSchema(readFileSync(layout('sqlite').schema, 'utf8'));
    expect(readFileSync(layout('postgresql').schema, 'utf8')).toBe(derived);
  });

  it('differ when a field is added to the schema without a migration, and the missing SQL is named', async () => {
    const root = tempProject();
    roots.push(root);
    const schema = layout('sqlite', root).schema;
    writeFileSync(schema, readFileSync(schema, 'utf8').replace(/^model Contact \{$/m, 'model Contact {\n  nickname String?'));
    expect(await pendingSchemaChange('sqlite', { root })).toMatch(/ALTER TABLE "Contact" ADD COLUMN "nickname" TEXT/);
  });

  it('pass db:check as committed, fail it after an unmigrated schema edit, and pass again once migrations for both providers were created', async () => {
    expect(await checkDrift()).toMatchObject({ ok: true, staleDerivedSchema: false, missingSql: { sqlite: '', postgresql: '' } });

    const root = tempProject();
    roots.push(root);
    const schema = layout('sqlite', root).schema;
    writeFileSync(schema, readFileSync(schema, 'utf8').replace('  sentAt        DateTime?', '  sentAt        DateTime?\n  priority      Int       @default(0)'));
    const drifted = await checkDrift({ root });
    expect(drifted.ok).toBe(false);
    expect(drifted.staleDerivedSchema).toBe(true);
    expect(drifted.missingSql.sqlite).toMatch(/"priority" INTEGER NOT NULL DEFAULT 0/);

    // What `npm run db:migrate -- add_priority` does: derive, then one migration per provider.
    expect(writeDerivedSchema(root)).toBe(true);
    const derived = await checkDrift({ root });
    expect(derived.staleDerivedSchema).toBe(false);
    expect(derived.missingSql.postgresql).toMatch(/ALTER TABLE "OutboxMessage" ADD COLUMN\s+"priority" INTEGER NOT NULL DEFAULT 0/);
    const now = new Date('2099-01-02T03:04:05Z');
    expect(await createMigration('sqlite', 'add_priority', now, { root })).toBe('20990102030405_add_priority');
    expect(await createMigration('postgresql', 'add_priority', now, { root })).toBe('20990102030405_add_priority');
    expect(await checkDrift({ root })).toMatchObject({ ok: true });
    expect(await createMigration('sqlite', 'nothing', now, { root })).toBeNull();

    const url = `file:${join(root, 'data', 'setu.db')}`;
    expect((await applyPendingMigrations(url, root)).applied.at(-1)).toBe('20990102030405_add_priority');
  });

  it('refuse to start on a database whose applied migration was edited afterwards', async () => {
    const root = tempProject();
    roots.push(root);
    const url = `file:${join(root, 'data', 'setu.db')}`;
    expect((await applyPendingMigrations(url, root)).applied).toEqual(readMigrations(layout('sqlite', root).migrations).map((m) => m.name));
    const [first] = readdirSync(layout('sqlite', root).migrations).filter((n) => /^\d/.test(n));
    const file = join(layout('sqlite', root).migrations, first ?? '', 'migration.sql');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n-- edited\n`);
    await expect(applyPendingMigrations(url, root)).rejects.toThrow(/was edited after it was applied/);
  });
});
