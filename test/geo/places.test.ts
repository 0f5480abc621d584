import { describe, expect, it } from 'vitest';
import { allPlaces, childrenOf, isCityCorporation, LEVELS, pathOf, placeByCode, type Place, type PlaceLevel } from '../../src/domain/geo/index.ts';
import { MISSING_UPAZILAS } from '../../src/domain/geo/missingUpazilas.ts';
import { cleanBn, cleanEn, DROPPED_UNIONS, NAME_FIXES } from '../../src/domain/geo/nameFixes.ts';
import { GeoDataError, loadSource, readSource } from '../../src/domain/geo/source.ts';

const nfc = (s: string): string => s.normalize('NFC');
const ofLevel = (level: PlaceLevel): Place[] => allPlaces().filter((p) => p.level === level);
const names = (path: readonly Place[]): string[] => path.map((p) => p.nameEn);

describe('the package as shipped (bd-divisions-to-unions 1.0.3)', () => {
  const source = loadSource();

  it('joins every Bangla entry with its English twin, level by level', () => {
    const count = (level: string): number => source.filter((e) => e.level === level).length;
    expect([count('division'), count('district'), count('upazila'), count('union')]).toEqual([8, 64, 504, 4964]);
    for (const entry of source) {
      expect(entry.titleBn.trim(), `${entry.level} ${entry.id}`).not.toBe('');
      expect(entry.titleEn.trim(), `${entry.level} ${entry.id}`).not.toBe('');
    }
  });

  it('marks 338 union-level entries as paurashavas in Bangla', () => {
    expect(source.filter((e) => e.level === 'union' && /পৌরসভা\s*$/.test(e.titleBn))).toHaveLength(338);
  });
});

describe('readSource', () => {
  const fake = (unions: { bn: unknown; en: unknown }): Record<string, (lang?: string) => unknown> => ({
    getAllDivision: (lang) => [{ value: lang === 'en' ? 30 : '30', title: lang === 'en' ? 'Dhaka' : 'ঢাকা' }],
    getAllDistrict: (lang) => ({ '30': [{ value: lang === 'en' ? 26 : '26', title: lang === 'en' ? 'Dhaka' : 'ঢাকা' }] }),
    getAllUpazila: (lang) => ({ '26': [{ value: lang === 'en' ? 365 : '365', title: lang === 'en' ? 'Savar' : 'সাভার' }] }),
    getAllUnion: (lang) => (lang === 'en' ? unions.en : unions.bn),
  });

  it('joins both languages on the package ids', () => {
    const entries = readSource(fake({ bn: { '365': [{ value: 1, title: 'সাভার' }] }, en: { '365': [{ value: 1, title: 'Savar' }] } }));
    expect(entries.at(-1)).toEqual({ level: 'union', id: '1', parentId: '365', titleBn: 'সাভার', titleEn: 'Savar' });
  });

  it('rejects an English entry without a Bangla twin', () => {
    const pkg = fake({ bn: { '365': [] }, en: { '365': [{ value: 1, title: 'Savar' }] } });
    expect(() => readSource(pkg)).toThrow(/no Bangla twin/);
  });

  it('rejects twins filed under different parents', () => {
    const pkg = fake({ bn: { '365': [{ value: 1, title: 'সাভার' }] }, en: { '366': [{ value: 1, title: 'Savar' }] } });
    expect(() => readSource(pkg)).toThrow(GeoDataError);
  });

  it('rejects a malformed list with a readable message', () => {
    expect(() => readSource(fake({ bn: [{ value: 'x' }], en: {} }))).toThrow(/Bangla unions is invalid/);
    expect(() => readSource({})).toThrow(/module exports is invalid/);
  });
});

describe('places', () => {
  it('has exactly 8 divisions and 64 districts', () => {
    expect(ofLevel('division')).toHaveLength(8);
    expect(ofLevel('district')).toHaveLength(64);
  });

  it('has 507 upazila-level entries: 492 from the package, 12 city corporations, 3 added', () => {
    const upazilas = ofLevel('upazila');
    expect(upazilas).toHaveLength(507);
    expect(upazilas.filter((p) => isCityCorporation(p.code))).toHaveLength(12);
    expect(upazilas.filter((p) => !isCityCorporation(p.code))).toHaveLength(495);
  });

  it('separates 331 paurashavas from 4,610 unions (city areas included)', () => {
    const unions = ofLevel('union');
    const paurashavas = unions.filter((p) => p.kind === 'paurashava');
    expect(paurashavas).toHaveLength(331);
    expect(unions.filter((p) => p.kind === 'union')).toHaveLength(4610);
    for (const p of paurashavas) {
      expect(p.nameEn).toMatch(/ Paurashava$/);
      expect(p.nameBn).toMatch(/ পৌরসভা$/);
    }
    for (const p of unions.filter((u) => u.kind === 'union')) {
      expect(p.nameBn, p.code).not.toMatch(/পৌরসভা/);
      expect(p.nameEn, p.code).not.toMatch(/paurashava|municipal/i);
    }
  });

  it('gives a kind to union-level places only', () => {
    for (const p of allPlaces()) expect(p.kind !== undefined, p.code).toBe(p.level === 'union');
  });

  it('has unique codes with a level prefix', () => {
    const codes = allPlaces().map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    const prefix: Record<PlaceLevel, string> = { division: 'dv', district: 'ds', upazila: 'up', union: 'un' };
    for (const p of allPlaces()) expect(p.code.startsWith(prefix[p.level]), p.code).toBe(true);
  });

  it('links every place to an existing parent one level up', () => {
    for (const p of allPlaces()) {
      const depth = LEVELS.indexOf(p.level);
      if (depth === 0) {
        expect(p.parent).toBeNull();
        continue;
      }
      const parent = p.parent === null ? undefined : placeByCode(p.parent);
      expect(parent?.level, `${p.code} ${p.nameEn}`).toBe(LEVELS[depth - 1]);
    }
  });

  it('has clean, non-empty names in the right script', () => {
    for (const p of allPlaces()) {
      expect(p.nameBn, p.code).toBe(nfc(p.nameBn).trim());
      expect(p.nameEn, p.code).toBe(p.nameEn.trim());
      expect(p.nameBn, p.code).toMatch(/^[\u0980-\u09FF][\u0980-\u09FF\u200C\u200D (),.-]*$/);
      expect(p.nameEn, p.code).toMatch(/^[A-Z][A-Za-z '().-]*$/);
    }
  });

  it('offers no two siblings with the same name in either language', () => {
    for (const key of [(p: Place) => p.nameEn.toLowerCase(), (p: Place) => p.nameBn]) {
      const seen = new Set<string>();
      for (const p of allPlaces()) {
        const id = `${p.parent ?? ''}|${key(p)}`;
        expect(seen.has(id), `${p.code} ${id}`).toBe(false);
        seen.add(id);
      }
    }
  });

  it.each([
    ['up387', ['Dhaka', 'Gopalganj', 'Tungipara'], 'টুংগীপাড়া'],
    ['ds19', ['Chattogram', 'Cumilla'], 'কুমিল্লা'],
    ['up365', ['Dhaka', 'Dhaka', 'Savar'], 'সাভার'],
    ['ds10', ['Rajshahi', 'Bogura'], 'বগুড়া'],
    ['ds41', ['Khulna', 'Jashore'], 'যশোর'],
    ['dv10', ['Barishal'], 'বরিশাল'],
    ['up-eidgaon', ['Chattogram', "Cox's Bazar", 'Eidgaon'], 'ঈদগাঁও'],
    ['up-madhyanagar', ['Sylhet', 'Sunamganj', 'Madhyanagar'], 'মধ্যনগর'],
    ['up-dasar', ['Dhaka', 'Madaripur', 'Dasar'], 'ডাসার'],
  ])('%s is %j', (code, path, nameBn) => {
    expect(names(pathOf(code))).toEqual(path);
    expect(placeByCode(code)?.nameBn).toBe(nfc(nameBn));
  });

  it('finds Tungipara Paurashava under Tungipara upazila', () => {
    const paurashava = childrenOf('up387').find((p) => p.kind === 'paurashava');
    expect(paurashava?.nameEn).toBe('Tungipara Paurashava');
    expect(paurashava?.nameBn).toBe(nfc('টুঙ্গিপাড়া পৌরসভা'));
  });

  it('lists divisions at the top, sorted by English name', () => {
    expect(names(childrenOf(null))).toEqual(['Barishal', 'Chattogram', 'Dhaka', 'Khulna', 'Mymensingh', 'Rajshahi', 'Rangpur', 'Sylhet']);
  });

  it('sorts children by English name and hands out copies', () => {
    const upazilas = childrenOf('ds35');
    expect(names(upazilas)).toEqual(['Gopalganj Sadar', 'Kashiani', 'Kotalipara', 'Muksudpur', 'Tungipara']);
    upazilas.pop();
    expect(childrenOf('ds35')).toHaveLength(5);
  });

  it('answers unknown codes with nothing', () => {
    expect(placeByCode('ds999')).toBeUndefined();
    expect(childrenOf('ds999')).toEqual([]);
    expect(pathOf('nope')).toEqual([]);
  });

  it('marks city corporations, whose children are city areas', () => {
    expect(isCityCorporation('up492')).toBe(true);
    expect(placeByCode('up492')?.nameEn).toBe('Dhaka South City Corporation');
    expect(childrenOf('up492').map((p) => p.nameEn)).toContain('Dhanmondi');
    expect(isCityCorporation('up365')).toBe(false);
  });
});

describe('corrections to the package', () => {
  it('applies every name fix (a changed package entry makes this fail)', () => {
    for (const [code, fix] of Object.entries(NAME_FIXES)) {
      const place = placeByCode(code);
      if (fix.nameEn !== undefined) expect(place?.nameEn, code).toBe(fix.nameEn);
      if (fix.nameBn !== undefined) expect(place?.nameBn, code).toBe(nfc(fix.nameBn));
    }
  });

  it('drops the duplicated union-level entries and keeps their twins', () => {
    for (const [code, twin] of Object.entries(DROPPED_UNIONS)) {
      expect(placeByCode(code), code).toBeUndefined();
      const kept = /un\d+/.exec(twin)?.[0];
      expect(kept && placeByCode(kept), `${code}: ${twin}`).toBeTruthy();
    }
  });

  it('moves unions of new upazilas out of the upazila they were carved from', () => {
    expect(names(childrenOf('up14'))).not.toContain('Bagmara (North)');
    expect(names(childrenOf('up17'))).toContain('Bagmara (North)');
  });

  it('adds the upazilas created in 2021, without unions', () => {
    for (const extra of MISSING_UPAZILAS) {
      expect(placeByCode(extra.code)?.level).toBe('upazila');
      expect(childrenOf(extra.code)).toEqual([]);
    }
  });

  it.each([
    ['1nomohadevpur', false, 'Mohadevpur'],
    ['10 padua union', false, 'Padua'],
    ['Maijchar9', false, 'Maijchar'],
    ['\u200C Monirampur Municipality', true, 'Monirampur Paurashava'],
    ['Municipality of Tanore', true, 'Tanore Paurashava'],
    ['Debidwar Pouroshova', true, 'Debidwar Paurashava'],
    ['chengar chor pourasabha', true, 'Chengar Chor Paurashava'],
    ['Rangunia', true, 'Rangunia Paurashava'],
    ['khulna city corporation', false, 'Khulna City Corporation'],
    ['D.M Khali', false, 'D.M Khali'],
  ])('cleanEn(%j, %s) → %j', (raw, paurashava, clean) => {
    expect(cleanEn(raw, paurashava)).toBe(clean);
  });

  it.each([
    ['১০ নং পদুয়া ইউনিয়ন', 'পদুয়া'],
    ['১গোপালনগর', 'গোপালনগর'],
    ['দরবস্ত ইয়নিয়ন', 'দরবস্ত'],
    [' তুলশীগংগা', 'তুলশীগংগা'],
    ['ব্রা\u200Fহ্মন্দী', 'ব্রাহ্মন্দী'],
    ['বিয়ানীবাজার পৌরসভা  ', 'বিয়ানীবাজার পৌরসভা'],
  ])('cleanBn(%j) → %j', (raw, clean) => {
    expect(cleanBn(raw)).toBe(nfc(clean));
  });
});
