import type { Tier } from '../cases/routing.ts';
import { catalogue as shipped } from '../programmes/catalogue.ts';
import { programmeInfo, type Message } from '../programmes/info.ts';
import type { AgeRule, Catalogue, IncomeCeiling, Programme, ProgrammeId } from '../programmes/schema.ts';
import { charterOffice, officeAbove, type CharterOffice } from './office.ts';

/*
 * The Citizen Charter (নাগরিক সনদ) of one office, as i18n keys: per
 * programme the service, who can get it, the documents, where to apply and
 * how it is decided (the programmes' own keys, `programmes:`), and for the
 * office the time a complaint has there (the GRS deadline of its tier) and
 * where it goes after. The words are in locales/<lang>/charter.json and
 * programmes.json; the figures (ages, income ceilings) come from the
 * catalogue, never from here.
 */

/**
 * Decision lines the charter leaves out: the committee line speaks of the chat's own check ("here only the rules
 * were checked"), and "free" is said once for every service as its cost.
 */
const NOT_ON_A_CHARTER: ReadonlySet<string> = new Set(['programmes:common.decision.committee', 'programmes:common.decision.free']);

export interface CharterService {
  programme: ProgrammeId;
  /** Official name and everyday name (`programmes:`). */
  name: string;
  shortName: string;
  /** Who can get it: a summary, then the age and the income the rules ask for when they give one. */
  who: Message[];
  documents: string[];
  apply: string[];
  /** How it is decided (the allocation; a time limit where the programme has one). */
  decision: string[];
}

export interface Charter {
  office: CharterOffice;
  /** Working days a complaint lodged with this office has before it goes up. */
  deadlineDays: number;
  /** Where it goes then: the office above (null: DSS headquarters) and the days it has there. */
  above: { tier: Tier; office: CharterOffice | null; deadlineDays: number };
  services: CharterService[];
}

/**
 * The charter of the office with this area code, or null when there is no such office.
 * @example charterFor('up387', DEFAULT_DEADLINE_DAYS)?.deadlineDays // 30
 */
export function charterFor(code: string, deadlineDays: Record<Tier, number>, catalogue: Catalogue = shipped): Charter | null {
  const office = charterOffice(code);
  if (!office) return null;
  const above = officeAbove(office);
  return {
    office,
    deadlineDays: deadlineDays[office.tier],
    above: { ...above, deadlineDays: deadlineDays[above.tier] },
    services: catalogue.programmes.map((p) => service(p, catalogue)),
  };
}

/** One programme's charter entry: what the office pages and the chat's "নাগরিক সনদ" both show. */
export function service(programme: Programme, catalogue: Catalogue = shipped): CharterService {
  const info = programmeInfo(programme.id, catalogue);
  return {
    programme: programme.id,
    name: info.name,
    shortName: info.shortName,
    who: whoCanGetIt(programme),
    documents: info.documents,
    apply: info.apply,
    decision: info.decision.filter((key) => !NOT_ON_A_CHARTER.has(key)),
  };
}

const age = (rule: AgeRule): Message[] => (rule.known ? [{ key: `charter:age.${rule.comparison}`, params: { age: rule.value } }] : []);
const income = (rule: IncomeCeiling): Message[] => [{ key: `charter:income.${rule.basis}_${rule.comparison}`, params: { taka: rule.value } }];

/** One line on who the programme is for, then the age and income figures of its rules. */
export function whoCanGetIt(programme: Programme): Message[] {
  const summary: Message = { key: `charter:who.${programme.id}` };
  switch (programme.id) {
    case 'old_age': {
      const { male, female } = programme.rules.minAge;
      const ages: Message[] =
        male.known && female.known && male.comparison === 'at_least' && female.comparison === 'at_least' ? [{ key: 'charter:age.men_women', params: { men: male.value, women: female.value } }] : [];
      return [summary, ...ages, ...income(programme.rules.income)];
    }
    case 'widow':
      return [{ ...summary, params: { years: programme.rules.maritalStatuses.desertedMinYears } }, ...age(programme.rules.minAge), ...income(programme.rules.income)];
    case 'disability':
    case 'disability_stipend':
      return [summary, ...age(programme.rules.minAge), ...income(programme.rules.income)];
    case 'hijra':
    case 'bede':
      return [summary, ...age(programme.rules.minAge)];
    case 'patient_assistance':
      return [summary];
  }
}
