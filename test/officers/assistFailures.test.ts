import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistJob } from '../../src/app/cases/assist.ts';
import { createFieldCipher } from '../../src/infra/crypto/fieldCipher.ts';
import { createDb, type Db } from '../../src/infra/db/client.ts';
import { applyPendingMigrations } from '../../src/infra/db/migrations.ts';
import type { CaseAssistant } from '../../src/infra/llm/caseAssistant.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { FixedClock } from '../support/engineHarness.ts';

/**
 * What the case assistant's job remembers of the cases the model failed on
 * stays bounded: a case that has left the 30-day look-back can never be a
 * candidate again, so its failures are forgotten; a recent one still waits
 * its 15 minutes before it is tried again. Real database; the model is down
 * (an assistant that answers nothing, as the client does when the provider fails).
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;
const cipher = createFieldCipher(Buffer.from(TEST_DATA_KEY, 'hex'));
let file: ReturnType<typeof tempSqliteUrl>;
let db: Db;

beforeAll(async () => {
  file = tempSqliteUrl();
  await applyPendingMigrations(file.url);
  db = await createDb(file.url);
});

afterAll(async () => {
  await db.close();
  file.cleanup();
});

async function lodge(i: number, at: Date): Promise<void> {
  await db.prisma.case.create({
    data: {
      id: `case-${i}`, trackingNumber: String(100_000_000 + i), kind: 'grievance', category: 'bribe', placeCode: '30261801', upazilaCode: '302618', districtCode: '3026',
      description: cipher.encrypt(`case-${i}`), state: 'received', tier: 'union', officeCode: '30261801', dueAt: new Date(at.getTime() + 7 * 24 * HOUR),
      contactId: `console:c${i}`, channel: 'console', language: 'bn', createdAt: at, updatedAt: at,
    },
  });
}

describe("the case assistant's memory of failed cases", () => {
  it('holds at most the failures of the last 30 days however many cases fail, and a recent failure still waits before its next try', async () => {
    const clock = new FixedClock(Date.parse('2026-01-01T00:00:00Z'));
    const asked: string[] = [];
    const down: CaseAssistant = {
      model: 'down',
      summarise: async (description) => {
        asked.push(description);
        return null;
      },
      translate: async () => null,
    };
    const job = createAssistJob({ db: db.prisma, writes: db.writes, cipher, clock, log: createLogger('silent'), assistant: down, holder: 'test' });

    // 300 cases, one lodged every 8 hours (100 days, over three look-backs); each pass tries the newest and fails.
    const CASES = 300;
    let most = 0;
    for (let i = 0; i < CASES; i += 1) {
      await lodge(i, clock.now());
      await job.pass();
      most = Math.max(most, job.failures());
      clock.advance(8 * HOUR);
    }
    expect(asked).toHaveLength(CASES);
    // 30 days of one failure every 8 hours: 90 (the one lodged exactly 30 days before is kept once more), not 300.
    expect(most).toBeLessThanOrEqual(91);
    expect(most).toBeGreaterThanOrEqual(89);

    // The newest case failed 8 hours ago and is tried again now; once failed again it is not tried before 15 minutes.
    const newest = `case-${CASES - 1}`;
    asked.length = 0;
    await job.pass();
    expect(asked).toEqual([newest]);
    asked.length = 0;
    clock.advance(14 * MINUTE);
    await job.pass();
    expect(asked).not.toContain(newest);
    clock.advance(MINUTE);
    asked.length = 0;
    await job.pass();
    expect(asked).toEqual([newest]);
  });
});
