import { createRequire } from 'node:module';
import { z } from 'zod';

/**
 * Reads the npm package `bd-divisions-to-unions` (1.0.3, ISC) and checks its
 * shape: it is untyped CommonJS with no tests, so nothing is trusted until zod
 * has seen it. Bangla and English lists are joined on the package's ids here;
 * name cleaning happens later (nameFixes.ts).
 */

export type SourceLevel = 'division' | 'district' | 'upazila' | 'union';

/** One entry as the package gives it, both languages joined. Names are raw. */
export interface SourceEntry {
  level: SourceLevel;
  id: string;
  /** Id of the entry one level up, as the package keys its lists; null for divisions. */
  parentId: string | null;
  titleBn: string;
  titleEn: string;
}

// The Bangla lists use string ids and the English lists numbers; both are the same ids.
const IdSchema = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);
const EntrySchema = z.object({ value: IdSchema, title: z.string() });
const FlatListSchema = z.array(EntrySchema);
const GroupedListSchema = z.record(z.string().regex(/^\d+$/), z.array(EntrySchema));

type Getter = (lang?: string) => unknown;
const GetterSchema = z.custom<Getter>((v) => typeof v === 'function', 'expected a function');
const PackageSchema = z.object({
  getAllDivision: GetterSchema,
  getAllDistrict: GetterSchema,
  getAllUpazila: GetterSchema,
  getAllUnion: GetterSchema,
});

export class GeoDataError extends Error {
  override name = 'GeoDataError';
}

function parse<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new GeoDataError(`bd-divisions-to-unions: ${what} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

interface Row {
  id: string;
  parentId: string | null;
  title: string;
}

function flatRows(list: z.infer<typeof FlatListSchema>): Row[] {
  return list.map((e) => ({ id: e.value, parentId: null, title: e.title }));
}

function groupedRows(groups: z.infer<typeof GroupedListSchema>): Row[] {
  return Object.entries(groups).flatMap(([parentId, list]) => list.map((e) => ({ id: e.value, parentId, title: e.title })));
}

/** Pairs each Bangla row with its English twin; any row without one is a data error. */
function join(level: SourceLevel, bn: Row[], en: Row[]): SourceEntry[] {
  const enById = new Map<string, Row>();
  for (const row of en) {
    if (enById.has(row.id)) throw new GeoDataError(`${level} id ${row.id} appears twice in the English list`);
    enById.set(row.id, row);
  }
  const seen = new Set<string>();
  const joined: SourceEntry[] = [];
  for (const row of bn) {
    if (seen.has(row.id)) throw new GeoDataError(`${level} id ${row.id} appears twice in the Bangla list`);
    seen.add(row.id);
    const twin = enById.get(row.id);
    if (!twin) throw new GeoDataError(`${level} id ${row.id} (${row.title}) has no English twin`);
    if (twin.parentId !== row.parentId) {
      throw new GeoDataError(`${level} id ${row.id} has parent ${row.parentId} in Bangla but ${twin.parentId} in English`);
    }
    joined.push({ level, id: row.id, parentId: row.parentId, titleBn: row.title, titleEn: twin.title });
  }
  for (const row of en) {
    if (!seen.has(row.id)) throw new GeoDataError(`${level} id ${row.id} (${row.title}) has no Bangla twin`);
  }
  return joined;
}

/** Validates a module object shaped like the package's exports and joins its lists. */
export function readSource(pkg: unknown): SourceEntry[] {
  const api = parse(PackageSchema, pkg, 'module exports');
  const lists = {
    division: [api.getAllDivision(), api.getAllDivision('en')],
    district: [api.getAllDistrict(), api.getAllDistrict('en')],
    upazila: [api.getAllUpazila(), api.getAllUpazila('en')],
    union: [api.getAllUnion(), api.getAllUnion('en')],
  } as const;
  const [divBn, divEn] = lists.division;
  return [
    ...join('division', flatRows(parse(FlatListSchema, divBn, 'Bangla divisions')), flatRows(parse(FlatListSchema, divEn, 'English divisions'))),
    ...(['district', 'upazila', 'union'] as const).flatMap((level) => {
      const [bn, en] = lists[level];
      return join(
        level,
        groupedRows(parse(GroupedListSchema, bn, `Bangla ${level}s`)),
        groupedRows(parse(GroupedListSchema, en, `English ${level}s`)),
      );
    }),
  ];
}

/** Loads the installed package; synchronous because it is CommonJS data (about 1 MB). */
export function loadSource(): SourceEntry[] {
  const require = createRequire(import.meta.url);
  const pkg: unknown = require('bd-divisions-to-unions');
  return readSource(pkg);
}
