import { OPEN_STATES } from '../../domain/cases/lifecycle.ts';
import type { WorkCalendar } from '../../domain/cases/workingDays.ts';
import { buildReportCard, type ReportCard } from '../../domain/openData/reportCard.ts';
import { createTally, periodMonths } from '../../domain/openData/tally.ts';
import type { Clock } from '../../engine/types.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { Logger } from '../../infra/log/logger.ts';

export interface ReportCardDeps {
  db: DbClient;
  clock: Clock;
  calendar: WorkCalendar;
  log: Logger;
  /** A card older than this is worked out again (the old one is served meanwhile). */
  refreshMs?: number;
}

/** Cases and events are read this many at a time: memory is the tally's, not the database's. */
const PAGE = 2_000;
const DEFAULT_REFRESH_MS = 10 * 60_000;

/** The first instant of the period's first month, Dhaka time. */
function periodStart(now: Date): Date {
  const first = periodMonths(now)[0] as string;
  return new Date(`${first}-01T00:00:00+06:00`);
}

/**
 * Reads what the report card counts: of every case that was lodged, closed
 * or rated in the period, or is open now, only its place, programme, state,
 * dates, tiers, rating and outcome; of escalations and appeals in the
 * period, the time and their case's place; of follow-up questions answered
 * "yes" in the period, the time and their case's place. Nothing else is selected.
 */
export async function computeReportCard(deps: Pick<ReportCardDeps, 'db' | 'clock' | 'calendar'>): Promise<ReportCard> {
  const now = deps.clock.now();
  const since = periodStart(now);
  const tally = createTally(now, deps.calendar);
  const where = {
    OR: [{ createdAt: { gte: since } }, { closedAt: { gte: since } }, { ratedAt: { gte: since } }, { state: { in: [...OPEN_STATES] } }],
  };
  const select = {
    id: true,
    kind: true,
    programme: true,
    placeCode: true,
    upazilaCode: true,
    districtCode: true,
    state: true,
    createdAt: true,
    closedAt: true,
    dueAt: true,
    decidedTier: true,
    tier: true,
    rating: true,
    ratedAt: true,
    outcome: true,
  } as const;
  const casePage = (after: string | null) =>
    deps.db.case.findMany({ where: after === null ? where : { AND: [where, { id: { gt: after } }] }, select, orderBy: { id: 'asc' }, take: PAGE });
  for (let after: string | null = null; ; ) {
    const page: Awaited<ReturnType<typeof casePage>> = await casePage(after);
    for (const c of page) tally.addCase(c);
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    after = last.id;
  }
  for (let after = 0; ; ) {
    const events = await deps.db.caseEvent.findMany({
      where: { type: { in: ['escalated', 'appealed'] }, at: { gte: since, lte: now }, id: { gt: after } },
      select: { id: true, caseId: true, type: true, at: true },
      orderBy: { id: 'asc' },
      take: PAGE,
    });
    const places = new Map(
      (
        await deps.db.case.findMany({
          where: { id: { in: [...new Set(events.map((e) => e.caseId))] } },
          select: { id: true, programme: true, placeCode: true, upazilaCode: true, districtCode: true },
        })
      ).map((c) => [c.id, c]),
    );
    for (const e of events) {
      const c = places.get(e.caseId);
      if (c && (e.type === 'escalated' || e.type === 'appealed')) tally.addEvent({ ...c, type: e.type, at: e.at });
    }
    if (events.length < PAGE) break;
    after = (events.at(-1) as { id: number }).id;
  }
  // Follow-up questions answered "yes" in the period: payments confirmed received, counted at their case's place and programme.
  for (let after = 0; ; ) {
    const answers = await deps.db.followUp.findMany({
      where: { answer: 'yes', answeredAt: { gte: since, lte: now }, id: { gt: after } },
      select: { id: true, caseId: true, answer: true, answeredAt: true },
      orderBy: { id: 'asc' },
      take: PAGE,
    });
    const places = new Map(
      (
        await deps.db.case.findMany({
          where: { id: { in: [...new Set(answers.map((a) => a.caseId))] } },
          select: { id: true, programme: true, placeCode: true, upazilaCode: true, districtCode: true },
        })
      ).map((c) => [c.id, c]),
    );
    for (const a of answers) {
      const c = places.get(a.caseId);
      if (c && a.answer !== null && a.answeredAt !== null) tally.addFollowUp({ ...c, answer: a.answer, answeredAt: a.answeredAt });
    }
    if (answers.length < PAGE) break;
    after = (answers.at(-1) as { id: number }).id;
  }
  return buildReportCard(tally.finish(), now);
}

export interface ReportCardSource {
  /** The latest card: worked out on first use, then again in the background once older than the refresh time. */
  current(): Promise<ReportCard>;
}

export function createReportCardSource(deps: ReportCardDeps): ReportCardSource {
  const refreshMs = deps.refreshMs ?? DEFAULT_REFRESH_MS;
  let card: ReportCard | null = null;
  let working: Promise<ReportCard> | null = null;
  const refresh = (): Promise<ReportCard> => {
    working ??= (async () => {
      const started = Date.now();
      const next = await computeReportCard(deps);
      deps.log.info({ ms: Date.now() - started, areas: next.areas.size }, 'report card worked out');
      card = next;
      return next;
    })().finally(() => {
      working = null;
    });
    return working;
  };
  return {
    async current() {
      if (card === null) return refresh();
      if (deps.clock.now().getTime() - card.at.getTime() >= refreshMs) {
        refresh().catch((err: unknown) => deps.log.error({ err }, 'report card: working it out again failed; the last one is served'));
      }
      return card;
    },
  };
}
