/**
 * `npm run bench:claims`: how fast outbox rows can be claimed and marked by
 * several processes on one PostgreSQL database, with Setu's claim (one
 * statement: each contact's head, FOR UPDATE SKIP LOCKED) against the claim
 * it replaced (read the due rows, read which contacts are blocked, update
 * the chosen rows if still pending, read back what was won: three to four
 * Prisma statements, and claimers racing for the same rows).
 * Each claimer is a Db of its own (its own pools), as a process has.
 */
import { parseArgs } from 'node:util';
import { createDb, type Db } from '../src/infra/db/client.ts';
import { applyPendingMigrations } from '../src/infra/db/migrations.ts';
import { createTestDatabase } from '../test/db/targets.ts';
import { backlogClaims } from './claimsBacklog.ts';

const HELP = `npm run bench:claims -- [--contacts N] [--messages M] [--claimers K]

  --contacts N   contacts with queued replies (default 500)
  --messages M   replies queued per contact (default 6)
  --claimers K   claiming processes at once (default 3)
  --help         this text

Needs the PostgreSQL server (127.0.0.1:5432, or POSTGRES_ADMIN_URL); makes and drops its own database.`;

function count(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) {
    process.stderr.write(`--${name} must be a whole number from 1 to 100000, not "${raw}"\n`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({ options: { contacts: { type: 'string' }, messages: { type: 'string' }, claimers: { type: 'string' }, help: { type: 'boolean' } }, strict: true });
if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
const CONTACTS = count(values.contacts, 500, 'contacts');
const MESSAGES = count(values.messages, 6, 'messages');
const CLAIMERS = count(values.claimers, 3, 'claimers');
const LANES = 64;
const now = new Date();

type Claim = (db: Db, holder: string) => Promise<number[]>;

const headClaim: Claim = async (db, holder) => (await db.claims.claimHeads({ channels: ['telegram'], holder, now, limit: LANES })).map((r) => r.id);

/** The claim before: the due rows, the blocked contacts, a conditional update, and a read-back when another claimer won some. */
const previousClaim: Claim = async (db, holder) => {
  const due = await db.prisma.outboxMessage.findMany({ where: { status: 'pending', nextAttemptAt: { lte: now }, channel: { in: ['telegram'] } }, orderBy: { id: 'asc' }, take: LANES * 4 });
  const contacts = [...new Set(due.map((r) => r.contactId))].slice(0, LANES);
  const blocking = await db.prisma.outboxMessage.groupBy({ by: ['contactId'], where: { contactId: { in: contacts }, OR: [{ status: 'pending', nextAttemptAt: { gt: now } }, { status: 'sending' }] }, _min: { id: true } });
  const firstBlocked = new Map(blocking.map((b) => [b.contactId, b._min.id ?? Number.MAX_SAFE_INTEGER]));
  const ids = contacts.flatMap((c) => {
    const head = due.find((r) => r.contactId === c && r.id < (firstBlocked.get(c) ?? Number.MAX_SAFE_INTEGER));
    return head ? [head.id] : [];
  });
  if (ids.length === 0) return [];
  const taken = await db.prisma.outboxMessage.updateMany({ where: { id: { in: ids }, status: 'pending' }, data: { status: 'sending', claimedBy: holder, claimedAt: now } });
  if (taken.count === ids.length) return ids;
  return (await db.prisma.outboxMessage.findMany({ where: { id: { in: ids }, claimedBy: holder, status: 'sending' }, select: { id: true } })).map((r) => r.id);
};

async function run(label: string, claim: Claim): Promise<string> {
  const target = await createTestDatabase('postgresql');
  try {
    await applyPendingMigrations(target.url);
    const dbs = await Promise.all(Array.from({ length: CLAIMERS }, () => createDb(target.url)));
    const seed = dbs[0] as Db;
    const rows = Array.from({ length: CONTACTS * MESSAGES }, (_, i) => ({ contactId: `telegram:${i % CONTACTS}`, channel: 'telegram', externalId: String(i % CONTACTS), payload: 'x', nextAttemptAt: now, createdAt: now }));
    for (let i = 0; i < rows.length; i += 1000) await seed.prisma.outboxMessage.createMany({ data: rows.slice(i, i + 1000) });
    let rounds = 0;
    let empty = 0;
    const sentOrder = new Map<string, number[]>();
    const t0 = performance.now();
    await Promise.all(
      dbs.map(async (db, k) => {
        const holder = `bench:${k}`;
        for (;;) {
          const ids = await claim(db, holder);
          rounds += 1;
          if (ids.length === 0) {
            empty += 1;
            if ((await db.prisma.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } })) === 0) return;
            continue;
          }
          const claimed = await db.prisma.outboxMessage.findMany({ where: { id: { in: ids } }, select: { id: true, contactId: true } });
          for (const r of claimed) sentOrder.set(r.contactId, [...(sentOrder.get(r.contactId) ?? []), r.id]);
          await db.prisma.outboxMessage.updateMany({ where: { id: { in: ids }, claimedBy: holder }, data: { status: 'sent', claimedBy: null, sentAt: now } });
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const outOfOrder = [...sentOrder.values()].filter((ids) => ids.some((id, i) => i > 0 && id < (ids[i - 1] as number))).length;
    const twice = [...sentOrder.values()].reduce((n, ids) => n + ids.length - new Set(ids).size, 0);
    await Promise.all(dbs.map((db) => db.close()));
    return `${label.padEnd(42)} ${(rows.length / seconds).toFixed(0).padStart(7)} rows/s  ${rounds} rounds (${empty} empty)  contacts out of order ${outOfOrder}, rows claimed twice ${twice}`;
  } finally {
    await target.drop();
  }
}

process.stderr.write(`${CONTACTS} contacts × ${MESSAGES} replies, ${CLAIMERS} claimers of up to ${LANES} contacts each, claim then mark sent, on PostgreSQL\n`);
const before = await run('previous claim (3–4 Prisma statements)', previousClaim);
process.stdout.write(`${before}\n`);
const after = await run('head claim (1 statement, SKIP LOCKED)', headClaim);
process.stdout.write(`${after}\n`);

const shapes = [
  { shape: 'deep', contacts: 50, waiting: 100, what: '50 contacts, each with its head on its way and 100 replies waiting behind it; every claim finds nothing to take' },
  { shape: 'wide', contacts: 20_000, waiting: 2, what: '20,000 contacts with 2 replies each, none on its way; every claim takes 64 heads' },
] as const;
for (const { shape, contacts, waiting, what } of shapes) {
  process.stderr.write(`\nA backlog, ${shape}: ${what}\n`);
  for (const provider of ['sqlite', 'postgresql'] as const) {
    const f = await backlogClaims(provider, shape, contacts, waiting);
    process.stdout.write(
      `${shape.padEnd(5)} ${provider.padEnd(10)} Setu's claim ${f.setuMs.toFixed(3)} ms; the first one-statement claim ${f.firstMs.toFixed(3)} ms (×${(f.firstMs / f.setuMs).toFixed(1)}); the walk alone ${f.walkMs.toFixed(3)} ms (×${(f.walkMs / f.setuMs).toFixed(1)})\n`,
    );
  }
}
