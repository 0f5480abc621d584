import { median } from '../../domain/median.ts';
import { CASE_STATES, OPEN_STATES } from '../../domain/cases/lifecycle.ts';
import { TIERS } from '../../domain/cases/routing.ts';
import { seeWhere, type Jurisdiction } from '../../domain/officers/jurisdiction.ts';
import type { Clock } from '../../engine/types.ts';
import type { DbClient } from '../../infra/db/client.ts';

/** Lodged and closed (resolved or rejected) cases under one key. */
export interface StatsRow {
  key: string;
  lodged: number;
  resolved: number;
}

export interface Satisfaction {
  /** How many closed cases the citizen rated. */
  count: number;
  /** Mean rating, 1 decimal; null without ratings. */
  average: number | null;
  /** Index 0..4 for ratings 1..5. */
  distribution: number[];
}

/** The figures of an officer's area, for the statistics page. */
export interface AreaStats {
  /** Per programme id ('none' for cases without one), most lodged first. */
  byProgramme: StatsRow[];
  /** Per tier now holding the case, in routing order (union → hq). */
  byTier: StatsRow[];
  /** Median days from lodging to closing, 1 decimal; null when nothing closed. */
  medianDaysToClose: number | null;
  /** Open and past their deadline. */
  overdue: number;
  open: number;
  satisfaction: Satisfaction;
}

export interface StatsDeps {
  db: DbClient;
  clock: Clock;
}

/** The closed states: every state that is not open (resolved, rejected). */
export const CLOSED_STATES: readonly string[] = CASE_STATES.filter((s) => !OPEN_STATES.includes(s));

const DAY_MS = 86_400_000;
const round1 = (n: number): number => Math.round(n * 10) / 10;

export { median };

function merge(all: Map<string, number>, closed: Map<string, number>): StatsRow[] {
  return [...all].map(([key, lodged]) => ({ key, lodged, resolved: closed.get(key) ?? 0 }));
}

/**
 * The statistics of the cases an officer may see. Every query is narrowed by
 * `seeWhere(officer)`, so no figure counts a case outside the area or one
 * about the officer's own office.
 */
export async function statsFor(deps: StatsDeps, officer: Jurisdiction): Promise<AreaStats> {
  const scope = seeWhere(officer);
  const closedWhere = { ...scope, state: { in: [...CLOSED_STATES] } };
  const openWhere = { ...scope, state: { in: [...OPEN_STATES] } };
  const now = deps.clock.now();

  const [progAll, progClosed, tierAll, tierClosed, open, overdue, closedTimes, ratings] = await Promise.all([
    deps.db.case.groupBy({ by: ['programme'], where: { ...scope }, _count: { _all: true } }),
    deps.db.case.groupBy({ by: ['programme'], where: closedWhere, _count: { _all: true } }),
    deps.db.case.groupBy({ by: ['tier'], where: { ...scope }, _count: { _all: true } }),
    deps.db.case.groupBy({ by: ['tier'], where: closedWhere, _count: { _all: true } }),
    deps.db.case.count({ where: openWhere }),
    deps.db.case.count({ where: { ...openWhere, dueAt: { lt: now } } }),
    deps.db.case.findMany({ where: { ...closedWhere, closedAt: { not: null } }, select: { createdAt: true, closedAt: true } }),
    deps.db.case.groupBy({ by: ['rating'], where: { ...scope, rating: { not: null } }, _count: { _all: true } }),
  ]);

  const progKey = (p: string | null): string => p ?? 'none';
  const byProgramme = merge(
    new Map(progAll.map((g) => [progKey(g.programme), g._count._all])),
    new Map(progClosed.map((g) => [progKey(g.programme), g._count._all])),
  ).sort((a, b) => b.lodged - a.lodged || a.key.localeCompare(b.key));

  const tierOrder = (k: string): number => {
    const i = (TIERS as readonly string[]).indexOf(k);
    return i === -1 ? TIERS.length : i;
  };
  const tierLodged = new Map<string, number>(TIERS.map((t) => [t, 0]));
  for (const g of tierAll) tierLodged.set(g.tier, g._count._all);
  const byTier = merge(tierLodged, new Map(tierClosed.map((g) => [g.tier, g._count._all]))).sort(
    (a, b) => tierOrder(a.key) - tierOrder(b.key) || a.key.localeCompare(b.key),
  );

  const days = closedTimes.flatMap((c) => (c.closedAt ? [(c.closedAt.getTime() - c.createdAt.getTime()) / DAY_MS] : []));
  const mid = median(days);

  const distribution = [0, 0, 0, 0, 0];
  let sum = 0;
  let count = 0;
  for (const g of ratings) {
    const r = g.rating;
    if (r === null || !Number.isInteger(r) || r < 1 || r > 5) continue;
    distribution[r - 1] = (distribution[r - 1] ?? 0) + g._count._all;
    sum += r * g._count._all;
    count += g._count._all;
  }

  return {
    byProgramme,
    byTier,
    medianDaysToClose: mid === null ? null : round1(mid),
    overdue,
    open,
    satisfaction: { count, average: count === 0 ? null : round1(sum / count), distribution },
  };
}
