import { catalogue as shipped } from './catalogue.ts';
import type { VerdictAmount, VerdictStatus } from './evaluate.ts';
import type { EducationLevel } from './profile.ts';
import { disagreementKey, reasonKey, type Reason } from './reasons.ts';
import type { Catalogue, DisagreementCode, ProgrammeId } from './schema.ts';

/** An i18n key with its interpolation values: the shape of a reply line. */
export interface Message {
  key: string;
  params?: Record<string, string | number>;
}

/** What to tell someone about a programme, as i18n keys (`programmes:` namespace). */
export interface ProgrammeInfo {
  /** Official name (Bangla per the DSS). */
  name: string;
  /** Everyday name, for lists and buttons. */
  shortName: string;
  documents: string[];
  /** Where and how to apply. */
  apply: string[];
  /** What the selection committee gives priority to; may be empty. */
  priority: string[];
  /** The committee decides, subject to allocation; the service is free. */
  decision: string[];
}

const NAMES: Record<ProgrammeId, { name: string; shortName: string }> = {
  old_age: { name: 'programmes:old_age.name', shortName: 'programmes:old_age.short_name' },
  widow: { name: 'programmes:widow.name', shortName: 'programmes:widow.short_name' },
  disability: { name: 'programmes:disability.name', shortName: 'programmes:disability.short_name' },
  disability_stipend: {
    name: 'programmes:disability_stipend.name',
    shortName: 'programmes:disability_stipend.short_name',
  },
  hijra: { name: 'programmes:hijra.name', shortName: 'programmes:hijra.short_name' },
  bede: { name: 'programmes:bede.name', shortName: 'programmes:bede.short_name' },
  patient_assistance: {
    name: 'programmes:patient_assistance.name',
    shortName: 'programmes:patient_assistance.short_name',
  },
};

const STATUS_KEYS: Record<VerdictStatus, string> = {
  likely_eligible: 'programmes:status.likely_eligible',
  not_eligible: 'programmes:status.not_eligible',
  cannot_tell: 'programmes:status.cannot_tell',
};

const LEVEL_KEYS: Record<EducationLevel, string> = {
  primary: 'programmes:amount.level.primary',
  secondary: 'programmes:amount.level.secondary',
  higher_secondary: 'programmes:amount.level.higher_secondary',
  higher: 'programmes:amount.level.higher',
};

/**
 * Documents, where to apply, priority criteria and who decides, as i18n keys.
 * @example programmeInfo('old_age').apply[0] // 'programmes:old_age.apply.online'
 */
export function programmeInfo(id: ProgrammeId, catalogue: Catalogue = shipped): ProgrammeInfo {
  const programme = catalogue.programmes.find((p) => p.id === id);
  if (programme === undefined) throw new RangeError(`unknown programme ${id}`);
  const keys = (items: Array<{ key: string }>): string[] => items.map((i) => i.key);
  return {
    ...NAMES[id],
    documents: keys(programme.info.documents),
    apply: keys(programme.info.apply),
    priority: keys(programme.info.priority),
    decision: keys(programme.info.decision),
  };
}

/**
 * The i18n key of a verdict status ("likely eligible", …).
 * @example statusKey('cannot_tell') // 'programmes:status.cannot_tell'
 */
export function statusKey(status: VerdictStatus): string {
  return STATUS_KEYS[status];
}

/**
 * A reason as a reply line.
 * @example reasonMessage({ code: 'age_at_least_unmet', kind: 'unmet', params: { age: 61, min: 62 } })
 * // { key: 'programmes:reason.age_at_least_unmet', params: { age: 61, min: 62 } }
 */
export function reasonMessage(r: Reason): Message {
  return r.params ? { key: reasonKey(r.code), params: r.params } : { key: reasonKey(r.code) };
}

/**
 * How much, for when: one line, plus a line if the figure is proposed or assumed.
 * @example amountMessages(verdict.amount) // [{ key: 'programmes:amount.monthly', params: { taka: 650, fyStart: 2025, fyEnd: 26 } }, { key: 'programmes:amount.proposed' }]
 */
export function amountMessages(amount: VerdictAmount): Message[] {
  const [start, end] = amount.fiscalYear.split('-');
  const fy = { fyStart: Number(start), fyEnd: Number(end) };
  const lines: Message[] = [];
  if (amount.kind === 'monthly') lines.push({ key: 'programmes:amount.monthly', params: { taka: amount.taka, ...fy } });
  else if (amount.kind === 'one_off') lines.push({ key: 'programmes:amount.one_off', params: { taka: amount.taka, ...fy } });
  else if (amount.level !== undefined) lines.push({ key: LEVEL_KEYS[amount.level], params: { taka: amount.taka, ...fy } });
  else lines.push({ key: 'programmes:amount.by_level', params: { ...(amount.byLevel ?? {}), ...fy } });
  if (amount.proposed) lines.push({ key: 'programmes:amount.proposed' });
  if (amount.inferred) lines.push({ key: 'programmes:amount.inferred' });
  return lines;
}

/**
 * A source disagreement as a reply line; the figures come from the catalogue
 * (params named by each position's label, e.g. `current`, `old`).
 * @example disagreementMessage('oaa_income_ceiling') // { key: 'programmes:disagreement.oaa_income_ceiling', params: { current: 10000, old: 3000 } }
 */
export function disagreementMessage(code: DisagreementCode, catalogue: Catalogue = shipped): Message {
  const d = catalogue.disagreements.find((x) => x.code === code);
  if (d === undefined) throw new RangeError(`unknown disagreement ${code}`);
  return { key: disagreementKey(code), params: Object.fromEntries(d.positions.map((p) => [p.label, p.value])) };
}
