import { dammCheckDigit } from '../../src/domain/cases/trackingNumber.ts';
import { allPlaces, childrenOf } from '../../src/domain/geo/index.ts';
import Database from 'better-sqlite3';
import { sqliteTime } from '../../src/infra/db/sqliteTurnStore.ts';
import { mulberry32 } from './seeded.ts';

/**
 * A year of grievances and reports in three districts, made up from a seed:
 * what the report card tests count, independently of Setu's own tally.
 */
export interface GeneratedCase {
  id: string;
  trackingNumber: string;
  kind: 'grievance' | 'report';
  category: string;
  programme: string | null;
  placeCode: string;
  upazilaCode: string;
  districtCode: string;
  state: string;
  tier: string;
  decidedTier: string | null;
  officeCode: string;
  dueAt: Date;
  createdAt: Date;
  closedAt: Date | null;
  rating: number | null;
  ratedAt: Date | null;
  outcome: string | null;
  description: string;
  subjectName: string | null;
}

export interface GeneratedEvent {
  caseId: string;
  type: 'escalated' | 'appealed';
  at: Date;
}

/** A follow-up question after a case ended in the money ("does the allowance arrive in full?"), asked and perhaps answered. */
export interface GeneratedFollowUp {
  caseId: string;
  audience: 'citizen' | 'reporter';
  contactId: string;
  round: number;
  dueAt: Date;
  sentAt: Date;
  answer: 'yes' | 'partly' | 'no' | null;
  answeredAt: Date | null;
}

export const DISTRICTS = ['Gopalganj', 'Kurigram', 'Bhola'];
const PROGRAMMES = ['old_age', 'widow', 'disability', 'disability_stipend', null];
const TIERS = ['union', 'upazila', 'district', 'hq'];
const OUTCOMES = ['enrolled', 'already_receiving', 'not_eligible', 'not_found'];
const DAY = 86_400_000;

export function generateCases(now: Date, count: number, seed = 15): { cases: GeneratedCase[]; events: GeneratedEvent[]; followUps: GeneratedFollowUp[] } {
  const rnd = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const districts = DISTRICTS.map((name) => {
    const d = allPlaces().find((p) => p.level === 'district' && p.nameEn === name);
    if (!d) throw new Error(`no district ${name}`);
    return d;
  });
  // Some unions far busier than others, and a few cases naming only the upazila: as in life.
  const places = districts.flatMap((d) =>
    childrenOf(d.code).flatMap((u) => [
      { union: u.code, upazila: u.code, district: d.code, weight: 1 },
      ...childrenOf(u.code).map((un, i) => ({ union: un.code, upazila: u.code, district: d.code, weight: i % 7 === 0 ? 12 : i % 3 === 0 ? 0.3 : 2 })),
    ]),
  );
  const totalWeight = places.reduce((s, p) => s + p.weight, 0);
  const placeAt = (x: number) => {
    let left = x * totalWeight;
    for (const p of places) if ((left -= p.weight) <= 0) return p;
    return places.at(-1) as (typeof places)[number];
  };
  const cases: GeneratedCase[] = [];
  const events: GeneratedEvent[] = [];
  for (let i = 0; i < count; i++) {
    const place = placeAt(rnd());
    const createdAt = new Date(now.getTime() - Math.floor(rnd() * 380 * DAY) - 3_600_000);
    const dueAt = new Date(createdAt.getTime() + 42 * DAY);
    const kind = rnd() < 0.15 ? 'report' : 'grievance';
    const r = rnd();
    const closedAt = r < 0.7 ? new Date(Math.min(now.getTime() - 60_000, createdAt.getTime() + Math.floor(rnd() * 70 * DAY))) : null;
    const state = closedAt === null ? pick(['received', 'acknowledged', 'in_progress', 'forwarded']) : r < 0.6 ? 'resolved' : 'rejected';
    const tier = pick(TIERS);
    const rated = closedAt !== null && rnd() < 0.5;
    const digits = String(10_000_000 + i).slice(-8);
    const id = `gen-${String(i).padStart(6, '0')}`;
    cases.push({
      id,
      trackingNumber: `${digits}${dammCheckDigit(digits)}`,
      kind,
      category: kind === 'report' ? 'exclusion' : pick(['exclusion', 'not_received', 'bribe', 'misbehaviour', 'other']),
      programme: pick(PROGRAMMES),
      placeCode: place.union,
      upazilaCode: place.upazila,
      districtCode: place.district,
      state,
      tier,
      decidedTier: closedAt ? tier : null,
      officeCode: place.upazila,
      dueAt,
      createdAt,
      closedAt,
      rating: rated ? 1 + Math.floor(rnd() * 5) : null,
      ratedAt: rated && closedAt ? new Date(Math.min(now.getTime() - 1, closedAt.getTime() + DAY)) : null,
      outcome: kind === 'report' && closedAt ? pick(OUTCOMES) : null,
      // Words, a name and a number that must never reach a public page.
      description: `Rahima Begum 01712345678 case ${i} secret-words`,
      subjectName: kind === 'report' ? `Karim Mia ${i}` : null,
    });
    if (rnd() < 0.1) events.push({ caseId: id, type: 'escalated', at: new Date(Math.min(now.getTime() - 1, dueAt.getTime() + DAY)) });
    if (closedAt && rnd() < 0.05) events.push({ caseId: id, type: 'appealed', at: new Date(Math.min(now.getTime() - 1, closedAt.getTime() + 2 * DAY)) });
  }
  return { cases, events, followUps: generateFollowUps(now, cases, seed) };
}

/**
 * The follow-up questions of the cases that ended in the money (a resolved
 * complaint of being left out or of money not received; a report whose person
 * was enrolled): round 1 45 days after closing, then quarterly, those due by
 * now asked, most answered a few days later. From a generator of their own,
 * so that the cases stay as they were without them.
 */
function generateFollowUps(now: Date, cases: readonly GeneratedCase[], seed: number): GeneratedFollowUp[] {
  const rnd = mulberry32(seed * 7919 + 1);
  const out: GeneratedFollowUp[] = [];
  for (const c of cases) {
    const audience = c.kind === 'report' ? (c.outcome === 'enrolled' ? 'reporter' : null) : c.state === 'resolved' && (c.category === 'exclusion' || c.category === 'not_received') ? 'citizen' : null;
    if (audience === null || c.closedAt === null) continue;
    for (let round = 1; round <= 5; round++) {
      const dueAt = new Date(c.closedAt.getTime() + (45 + (round - 1) * 91) * DAY);
      if (dueAt.getTime() > now.getTime()) break;
      const r = rnd();
      const answer = r < 0.55 ? 'yes' : r < 0.65 ? 'partly' : r < 0.75 ? 'no' : null;
      const answeredAt = answer === null ? null : new Date(Math.min(now.getTime() - 1, dueAt.getTime() + Math.floor(rnd() * 10 * DAY)));
      out.push({ caseId: c.id, audience, contactId: `test:gen${c.id}`, round, dueAt, sentAt: dueAt, answer, answeredAt });
    }
  }
  return out;
}

/**
 * Writes the generated cases, events and follow-ups straight into a SQLite file, in one
 * transaction: a test's fixture, in the columns and time format Setu's own
 * turn store writes (through Prisma the same rows take fifteen seconds).
 */
export function insertCases(url: string, data: { cases: GeneratedCase[]; events: GeneratedEvent[]; followUps?: GeneratedFollowUp[] }): void {
  const db = new Database(url.replace(/^file:/, ''));
  const t = (d: Date | null): string | null => (d === null ? null : sqliteTime(d));
  const insertCase = db.prepare(
    `INSERT INTO "Case" (id, trackingNumber, kind, category, programme, placeCode, upazilaCode, districtCode, description, state, tier, officeCode,
       dueAt, contactId, channel, language, subjectName, rating, ratedAt, createdAt, updatedAt, closedAt, decidedTier, outcome)
     VALUES (@id, @trackingNumber, @kind, @category, @programme, @placeCode, @upazilaCode, @districtCode, @description, @state, @tier, @officeCode,
       @dueAt, @contactId, 'test', 'bn', @subjectName, @rating, @ratedAt, @createdAt, @createdAt, @closedAt, @decidedTier, @outcome)`,
  );
  const insertEvent = db.prepare(`INSERT INTO "CaseEvent" (caseId, at, type, actor) VALUES (?, ?, ?, 'system')`);
  const insertFollowUp = db.prepare(
    `INSERT INTO "FollowUp" (caseId, audience, contactId, round, dueAt, sentAt, answer, answeredAt) VALUES (@caseId, @audience, @contactId, @round, @dueAt, @sentAt, @answer, @answeredAt)`,
  );
  db.transaction(() => {
    for (const c of data.cases) {
      insertCase.run({ ...c, contactId: `test:gen${c.id}`, dueAt: t(c.dueAt), createdAt: t(c.createdAt), closedAt: t(c.closedAt), ratedAt: t(c.ratedAt) });
    }
    for (const e of data.events) insertEvent.run(e.caseId, t(e.at), e.type);
    for (const f of data.followUps ?? []) insertFollowUp.run({ ...f, dueAt: t(f.dueAt), sentAt: t(f.sentAt), answeredAt: t(f.answeredAt) });
  })();
  db.close();
}
