import { describe, expect, it } from 'vitest';
import { actWhere, mayAct, maySee, seeWhere, type CaseStanding, type Jurisdiction } from './jurisdiction.ts';

const place = { placeCode: 'un1', upazilaCode: 'up1', districtCode: 'ds1' };
const officers: Record<string, Jurisdiction> = {
  union: { role: 'union', areaCode: 'un1' },
  otherUnion: { role: 'union', areaCode: 'un2' },
  upazila: { role: 'upazila', areaCode: 'up1' },
  district: { role: 'district', areaCode: 'ds1' },
  hq: { role: 'hq', areaCode: 'BD' },
};
const at = (tier: string, concernsTier: string | null = null): CaseStanding => ({ ...place, tier, concernsTier });

describe('seeing and acting on a case', () => {
  // [case, who may see, who may act]
  const table: [string, CaseStanding, string[], string[]][] = [
    ['held by the union', at('union'), ['union', 'upazila', 'district', 'hq'], ['union', 'upazila', 'district', 'hq']],
    ['forwarded to the upazila', at('upazila'), ['union', 'upazila', 'district', 'hq'], ['upazila', 'district', 'hq']],
    ['appealed to the district', at('district'), ['union', 'upazila', 'district', 'hq'], ['district', 'hq']],
    ['a bribe at the upazila', at('upazila', 'union'), ['upazila', 'district', 'hq'], ['upazila', 'district', 'hq']],
    ['about the upazila, at the district', at('district', 'upazila'), ['district', 'hq'], ['district', 'hq']],
    ['about the district, at hq', at('hq', 'district'), ['hq'], ['hq']],
  ];
  for (const [name, c, see, act] of table) {
    it(name, () => {
      expect(Object.keys(officers).filter((k) => maySee(officers[k] as Jurisdiction, c))).toEqual(see);
      expect(Object.keys(officers).filter((k) => mayAct(officers[k] as Jurisdiction, c))).toEqual(act);
    });
  }

  it('builds the same rules as where clauses', () => {
    expect(seeWhere(officers.union as Jurisdiction)).toEqual({ AND: [{ placeCode: 'un1' }, { OR: [{ concernsTier: null }, { concernsTier: { in: [] } }] }] });
    expect(actWhere(officers.upazila as Jurisdiction)).toEqual({
      AND: [{ upazilaCode: 'up1' }, { OR: [{ concernsTier: null }, { concernsTier: { in: ['union'] } }] }, { tier: { in: ['union', 'upazila'] } }],
    });
    expect(seeWhere(officers.hq as Jurisdiction)).toEqual({ AND: [] });
    expect(actWhere({ role: 'admin', areaCode: 'BD' })).toEqual({ AND: [] });
  });
});
