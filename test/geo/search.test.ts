import { describe, expect, it } from 'vitest';
import {
  GOOD_MATCH,
  pathOf,
  PLACE_ALIASES,
  searchPlaces,
  transliterate,
  type PlaceLevel,
} from '../../src/domain/geo/index.ts';
import { allPlaces } from '../../src/domain/geo/places.ts';
import { boundedDistance, fold, phoneticKey, words } from '../../src/domain/geo/phonetic.ts';
import { hintFor } from '../../src/domain/geo/query.ts';

const first = (query: string, levels?: PlaceLevel[]): string | undefined => {
  const [top] = searchPlaces(query, levels ? { levels } : {});
  return top && `${top.place.level}:${top.place.nameEn}`;
};

describe('searchPlaces', () => {
  it.each([
    ['টুঙ্গিপাড়া', 'upazila:Tungipara'],
    ['টুংগীপাড়া', 'upazila:Tungipara'],
    ['tungipara', 'upazila:Tungipara'],
    ['Tungipara', 'upazila:Tungipara'],
    ['tungipara gopalganj', 'upazila:Tungipara'],
    ['tungipara, gopalganj', 'upazila:Tungipara'],
    ['tungipara gopalgonj', 'upazila:Tungipara'],
    ['টুঙ্গিপাড়া গোপালগঞ্জ', 'upazila:Tungipara'],
    ['টুঙ্গিপাড়া উপজেলা, গোপালগঞ্জ জেলা', 'upazila:Tungipara'],
    ['amar bari tungipara', 'upazila:Tungipara'],
    ['tungipara paurashava', 'union:Tungipara Paurashava'],
    ['টুঙ্গিপাড়া পৌরসভা', 'union:Tungipara Paurashava'],
    ['savar', 'upazila:Savar'],
    ['সাভার', 'upazila:Savar'],
    ['gopalgang', 'district:Gopalganj'],
    ['gopalganj', 'district:Gopalganj'],
    ['গোপালগঞ্জের', 'district:Gopalganj'],
    ['chittagong', 'district:Chattogram'],
    ['chottogram', 'district:Chattogram'],
    ['ctg', 'district:Chattogram'],
    ['চট্টগ্রাম', 'district:Chattogram'],
    ['borishal', 'district:Barishal'],
    ['barisal', 'district:Barishal'],
    ['bogra', 'district:Bogura'],
    ['বগুড়া', 'district:Bogura'],
    ['jessore', 'district:Jashore'],
    ['jessor', 'district:Jashore'],
    ['যশোহর', 'district:Jashore'],
    ['moymonsingho', 'district:Mymensingh'],
    ['ময়মনসিং', 'district:Mymensingh'],
    ['tangail', 'district:Tangail'],
    ['tangail sadar', 'upazila:Tangail Sadar'],
    ['bogra sadar', 'upazila:Bogura Sadar'],
    ["cox's bazar", "district:Cox's Bazar"],
    ['coxsbazar', "district:Cox's Bazar"],
    ['b.baria', 'district:Brahmanbaria'],
    ['kaliganj gazipur', 'upazila:Kaliganj'],
  ])('%j → %s', (query, expected) => {
    expect(first(query)).toBe(expected);
  });

  it.each(['comilla', 'cumilla', 'Comilla', 'কুমিল্লা', 'kumilla'])('%j → Cumilla district', (query) => {
    expect(first(query, ['district'])).toBe('district:Cumilla');
  });

  it('ranks the place in the named district first among namesakes', () => {
    const [top] = searchPlaces('kaliganj gazipur');
    expect(pathOf(top?.place.code ?? '').map((p) => p.nameEn)).toEqual(['Dhaka', 'Gazipur', 'Kaliganj']);
    const [jhenaidah] = searchPlaces('kaliganj jhenaidah');
    expect(pathOf(jhenaidah?.place.code ?? '').map((p) => p.nameEn)).toEqual(['Khulna', 'Jhenaidah', 'Kaliganj']);
  });

  it('scores exact names 1 and a one-letter slip above GOOD_MATCH', () => {
    expect(searchPlaces('tungipara')[0]?.score).toBe(1);
    const slip = searchPlaces('gopalgang')[0]?.score ?? 0;
    expect(slip).toBeGreaterThanOrEqual(GOOD_MATCH);
    expect(slip).toBeLessThan(1);
  });

  it('keeps an unexplained extra word below a full match', () => {
    const [top, , district] = searchPlaces('tungipara gopalganj');
    expect(top?.score).toBe(1);
    expect(district?.place.nameEn).toBe('Gopalganj');
    expect(district?.score ?? 1).toBeLessThan(GOOD_MATCH);
  });

  it.each(['xyzzy', 'qwerty', 'asdfgh', 'zzz', 'ami jani na', 'কিছু না'])('%j finds nothing good', (query) => {
    for (const match of searchPlaces(query)) expect(match.score, match.place.nameEn).toBeLessThan(GOOD_MATCH);
  });

  it('finds nothing for nonsense "xyzzy" (all below 0.5)', () => {
    for (const match of searchPlaces('xyzzy')) expect(match.score).toBeLessThan(0.5);
  });

  it.each(['', '   ', '!!!', 'district', 'জেলা', '১২৩'])('answers %j with nothing', (query) => {
    expect(searchPlaces(query)).toEqual([]);
  });

  it('restricts to descendants with `within`', () => {
    const inGopalganj = searchPlaces('gopalpur', { within: 'ds35', limit: 10 });
    expect(inGopalganj.length).toBeGreaterThan(0);
    for (const { place } of inGopalganj) expect(pathOf(place.code).map((p) => p.code)).toContain('ds35');
    expect(inGopalganj[0]?.place.nameBn).toBe('গোপালপুর'.normalize('NFC'));
    const tungipara = searchPlaces('tungipara', { within: 'dv30' });
    expect(tungipara[0]?.place.code).toBe('up387');
    expect(searchPlaces('tungipara', { within: 'dv20' }).every((m) => m.place.code !== 'up387')).toBe(true);
  });

  it('takes "sadar" within a district as its Sadar upazila, below a whole-name match', () => {
    for (const query of ['sadar', 'সদর']) {
      const [top] = searchPlaces(query, { within: 'ds35', levels: ['upazila'] });
      expect(top?.place.nameEn).toBe('Gopalganj Sadar');
      expect(top?.score).toBeGreaterThanOrEqual(GOOD_MATCH);
      expect(top?.score).toBeLessThan(1);
    }
    expect(first('gopalganj sadar')).toBe('upazila:Gopalganj Sadar');
  });

  it('does not return the `within` place itself, and nothing for an unknown one', () => {
    expect(searchPlaces('gopalganj', { within: 'ds35' }).map((m) => m.place.code)).not.toContain('ds35');
    expect(searchPlaces('savar', { within: 'ds999' })).toEqual([]);
  });

  it('filters by level', () => {
    const upazilas = searchPlaces('savar', { levels: ['upazila'] });
    expect(upazilas.every((m) => m.place.level === 'upazila')).toBe(true);
    const unions = searchPlaces('savar', { levels: ['union'], limit: 3 });
    expect(unions.map((m) => m.place.nameEn).slice(0, 2).sort()).toEqual(['Savar', 'Savar Paurashava']);
  });

  it('prefers the level or kind the user named', () => {
    expect(first('savar union')).toBe('union:Savar');
    expect(first('savar pourashava')).toBe('union:Savar Paurashava');
    expect(first('dhaka division')).toBe('division:Dhaka');
    expect(first('dhaka')).toBe('district:Dhaka');
  });

  it('honours limit and returns best first with scores in 0..1', () => {
    const matches = searchPlaces('kaliganj', { limit: 3 });
    expect(matches).toHaveLength(3);
    expect(searchPlaces('kaliganj', { limit: 0 })).toEqual([]);
    expect(searchPlaces('kaliganj')).toHaveLength(5);
    const scores = searchPlaces('nawabganj', { limit: 10 }).map((m) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
  });

  it('finds a renamed upazila and a new one by their current names', () => {
    expect(first('indurkani')).toBe('upazila:Zianagar');
    expect(first('ঈদগাঁও')).toBe('upazila:Eidgaon');
    expect(first('eidgaon')).toBe('upazila:Eidgaon');
  });
});

describe('hint words', () => {
  it.each([
    ['জেলা', 'district'],
    ['zilla', 'district'],
    ['upozila', 'upazila'],
    ['থানা', 'upazila'],
    ['ইউনিয়ন', 'union'],
    ['pourosova', 'union'],
    ['poursobha', 'union'],
    ['বিভাগ', 'division'],
  ])('%j announces a %s', (word, level) => {
    expect(hintFor(word)?.level).toBe(level);
  });

  it('never hide a word of a place name', () => {
    for (const place of allPlaces()) {
      for (const word of [...words(place.nameEn), ...words(place.nameBn)]) {
        if (word === 'paurashava' || word === 'পৌরসভা') continue;
        expect(hintFor(word), `${place.code} ${word}`).toBeUndefined();
      }
    }
  });
});

describe('aliases', () => {
  it('name places that exist at the levels given', () => {
    for (const alias of PLACE_ALIASES) {
      for (const level of alias.levels) {
        const found = allPlaces().some((p) => p.level === level && p.nameEn === alias.name);
        expect(found, `${alias.name} (${level})`).toBe(true);
      }
    }
  });

  it('lead to their place first, in either script', () => {
    for (const alias of PLACE_ALIASES) {
      for (const variant of alias.variants) {
        const [top] = searchPlaces(variant, { levels: [...alias.levels] });
        expect(top?.place.nameEn, `${variant} → ${alias.name}`).toBe(alias.name);
        expect(top?.score, variant).toBe(1);
      }
    }
  });
});

describe('transliterate', () => {
  it.each([
    ['টুঙ্গিপাড়া', 'tunggipara'],
    ['গোপালগঞ্জ', 'gopalgonj'],
    ['কুমিল্লা', 'kumilla'],
    ['চট্টগ্রাম', 'chottogram'],
    ['বরিশাল', 'borishal'],
    ['খুলনা', 'khulna'],
    ['রংপুর', 'rongpur'],
    ['যশোহর', 'joshohor'],
    ['সন্দ্বীপ', 'sondip'],
    ['লক্ষ্মীপুর', 'lokhmipur'],
    ['বগুড়া', 'bogura'],
    ['ঢাকা ১০', 'dhaka 10'],
  ])('%s → %s', (bangla, latin) => {
    expect(transliterate(bangla)).toBe(latin);
  });

  it('reads ড় ঢ় য় whether precomposed or written with a nukta', () => {
    expect(transliterate('\u09DC')).toBe(transliterate('ড\u09BC'));
    expect(transliterate('বগু\u09DCা')).toBe('bogura');
    expect(transliterate('ময়')).toBe(transliterate('ম\u09DF'));
  });
});

describe('phonetic keys', () => {
  it.each([
    ['Gopalganj', 'gopalgonj'],
    ['Chattogram', 'chottogram'],
    ['Barishal', 'borisal'],
    ['Bhola', 'vola'],
    ['Zakiganj', 'jakigonj'],
    ['Goalanda', 'goyalonda'],
    ['Kaliakair', 'kaliakoir'],
  ])('%s and %s sound alike', (a, b) => {
    expect(phoneticKey(a)).toBe(phoneticKey(b));
  });

  it('folds case, punctuation and apostrophes', () => {
    expect(fold("  Cox's   BAZAR, (Sadar)! ")).toBe('coxs bazar sadar');
  });

  it.each([
    ['tungipara', 'tungipara', 3, 0],
    ['tungipara', 'tungpiara', 3, 1],
    ['abc', 'abd', 3, 1],
    ['kitten', 'sitting', 5, 3],
    ['kitten', 'sitting', 2, 3],
    ['a', 'abcdef', 2, 3],
  ])('distance(%s, %s) within %i is %i', (a, b, max, expected) => {
    expect(boundedDistance(a, b, max)).toBe(expected);
  });
});
