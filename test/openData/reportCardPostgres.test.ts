import { describe, expect, it } from 'vitest';
import { computeReportCard } from '../../src/app/openData/reportCardSource.ts';
import type { ReportCard } from '../../src/domain/openData/reportCard.ts';
import { createDb } from '../../src/infra/db/client.ts';
import { applyPendingMigrations } from '../../src/infra/db/migrations.ts';
import { createTestDatabase } from '../db/targets.ts';
import { generateCases, insertCases } from '../support/openDataSet.ts';

/**
 * PostgreSQL keeps times as timestamp(3) without a zone, SQLite as ISO text:
 * the same cases make the same report card on both, to the last figure.
 */
const NOW = new Date('2026-11-22T09:00:00Z');
const CALENDAR = { weekend: [5, 6], holidays: new Set<string>() };

const flatten = (card: ReportCard): string[] =>
  [...card.areas.values()].flatMap((a) => [...a.slices].map(([s, f]) => `${a.code}|${s}|${JSON.stringify(f)}`)).sort();

describe('the report card on PostgreSQL', () => {
  it('is the same as on SQLite for the same 3,000 cases', async () => {
    const data = generateCases(NOW, 3_000, 7);
    const sqlite = await createTestDatabase('sqlite');
    const postgres = await createTestDatabase('postgresql');
    try {
      await applyPendingMigrations(sqlite.url);
      insertCases(sqlite.url, data);
      await applyPendingMigrations(postgres.url);
      const pg = await createDb(postgres.url);
      try {
        for (let i = 0; i < data.cases.length; i += 1_000) {
          await pg.prisma.case.createMany({
            data: data.cases.slice(i, i + 1_000).map((c) => ({ ...c, contactId: `test:gen${c.id}`, channel: 'test', language: 'bn', updatedAt: c.createdAt })),
          });
        }
        await pg.prisma.caseEvent.createMany({ data: data.events.map((e) => ({ ...e, actor: 'system' })) });
        await pg.prisma.followUp.createMany({ data: data.followUps });
        const lite = await createDb(sqlite.url);
        try {
          const deps = { clock: { now: () => NOW }, calendar: CALENDAR };
          const fromSqlite = await computeReportCard({ ...deps, db: lite.prisma });
          const fromPostgres = await computeReportCard({ ...deps, db: pg.prisma });
          expect(fromPostgres.areas.get('BD')?.slices.get('all')?.counts.lodged).toBeGreaterThan(2_000);
          expect(fromPostgres.areas.get('BD')?.slices.get('all')?.counts.payments_confirmed).toBeGreaterThan(100);
          expect(flatten(fromPostgres)).toEqual(flatten(fromSqlite));
        } finally {
          await lite.close();
        }
      } finally {
        await pg.close();
      }
    } finally {
      await sqlite.drop();
      await postgres.drop();
    }
  }, 120_000);
});
