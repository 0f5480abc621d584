import { PLACE_ALIASES } from './aliases.ts';
import { makeKey, wordKey, words, type Key } from './phonetic.ts';
import { allPlaces, childrenOf, pathOf, type Place } from './places.ts';
import { foldAll } from './query.ts';
import { hasBangla } from './transliterate.ts';

/**
 * Every place's names and aliases as phonetic keys, built once on the first
 * search. Keys live in one table because many places share a name (Savar
 * upazila, union and paurashava), so a query compares each key only once.
 */

// Dropped from names, as queries drop it (a hint word), so "debidwar" finds Debidwar Paurashava.
const NAME_NOISE = new Set(foldAll(['পৌরসভা', 'paurashava']));

export interface Entry {
  place: Place;
  /** Ancestor entry indexes, nearest first. */
  ancestors: number[];
  ancestorCodes: ReadonlySet<string>;
  /** Ids into the shared key table: keys from Bangla names and from Latin ones. */
  bn: number[];
  latin: number[];
  /** Names less an ancestor's name at their start: "Sadar" for Gopalganj Sadar (either script). */
  partial: number[];
}

export interface SearchIndex {
  entries: Entry[];
  /** Every distinct key once: many places share a name (Savar upazila, union and paurashava). */
  keys: Key[];
  /** Entries that can be someone's ancestor (not unions). */
  contextEntries: number[];
}

class KeyTable {
  readonly keys: Key[] = [];
  private readonly ids = new Map<string, number>();

  id(full: string): number {
    let id = this.ids.get(full);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(makeKey(full));
      this.ids.set(full, id);
    }
    return id;
  }
}

function nameKey(name: string): string {
  return words(name)
    .filter((w) => !NAME_NOISE.has(w))
    .map(wordKey)
    .join('');
}

function addName(table: KeyTable, entry: Entry, text: string, partial = false): void {
  const full = nameKey(text);
  if (!full) return;
  const id = table.id(full);
  const list = partial ? entry.partial : hasBangla(text) ? entry.bn : entry.latin;
  if (!list.includes(id)) list.push(id);
}

function addPartialNames(table: KeyTable, entry: Entry, ancestors: readonly Place[]): void {
  const { nameBn, nameEn } = entry.place;
  for (const a of ancestors) {
    if (nameEn.startsWith(`${a.nameEn} `)) addName(table, entry, nameEn.slice(a.nameEn.length + 1), true);
    if (nameBn.startsWith(`${a.nameBn} `)) addName(table, entry, nameBn.slice(a.nameBn.length + 1), true);
  }
}

function descendants(code: string): Place[] {
  const out: Place[] = [];
  const stack = childrenOf(code);
  for (let p = stack.pop(); p; p = stack.pop()) {
    out.push(p);
    stack.push(...childrenOf(p.code));
  }
  return out;
}

/** An alias also names the place's namesakes below it: Bogra → "Bogra Sadar" for Bogura Sadar. */
function applyAliases(table: KeyTable, entries: Entry[], byCode: ReadonlyMap<string, number>): void {
  for (const alias of PLACE_ALIASES) {
    const targets = entries.filter((e) => e.place.nameEn === alias.name && alias.levels.includes(e.place.level));
    for (const target of targets) {
      const below = descendants(target.place.code);
      for (const variant of alias.variants) {
        addName(table, target, variant);
        const own = hasBangla(variant) ? target.place.nameBn : target.place.nameEn;
        for (const d of below) {
          const theirs = hasBangla(variant) ? d.nameBn : d.nameEn;
          const entry = entries[byCode.get(d.code) ?? -1];
          if (entry && theirs.startsWith(`${own} `)) addName(table, entry, `${variant}${theirs.slice(own.length)}`);
        }
      }
    }
  }
}

function buildSearchIndex(): SearchIndex {
  const places = allPlaces();
  const byCode = new Map<string, number>();
  places.forEach((p, i) => byCode.set(p.code, i));
  const table = new KeyTable();
  const entries: Entry[] = places.map((place) => {
    const path = pathOf(place.code).slice(0, -1);
    const entry: Entry = {
      place,
      ancestors: path.map((a) => byCode.get(a.code) ?? -1).reverse(),
      ancestorCodes: new Set(path.map((a) => a.code)),
      bn: [],
      latin: [],
      partial: [],
    };
    addName(table, entry, place.nameBn);
    addName(table, entry, place.nameEn);
    addPartialNames(table, entry, path);
    return entry;
  });
  applyAliases(table, entries, byCode);
  const contextEntries = entries.flatMap((e, i) => (e.place.level === 'union' ? [] : [i]));
  return { entries, keys: table.keys, contextEntries };
}

let index: SearchIndex | undefined;

export function searchIndex(): SearchIndex {
  index ??= buildSearchIndex();
  return index;
}

