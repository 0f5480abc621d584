import { describe, expect, it } from 'vitest';
import { concernsTier, higherTier } from './concerns.ts';
import { firstTier } from './routing.ts';

const where = { unionCode: 'un1', upazilaCode: 'up1', districtCode: 'ds1' };

describe('concernsTier: which office a complaint is about', () => {
  it.each([
    ['bribe', 'কেরানি ২০০০ টাকা চেয়েছে', 'union'],
    ['misbehaviour', 'He shouted at my mother.', 'union'],
    ['exclusion', 'আমার নাম তালিকায় নেই।', null],
    ['not_received', 'The money did not come for three months.', null],
  ] as const)('%s: "%s" → %s', (category, text, tier) => {
    expect(concernsTier(category, text)).toBe(tier);
  });

  it.each([
    // Bangla, with case endings
    ['উপজেলা সমাজসেবা অফিসার টাকা চেয়েছেন', 'upazila'],
    ['উপজেলা সমাজসেবা অফিসারের কাছে গেলে ঘুষ চায়', 'upazila'],
    ['সমাজসেবা অফিসারকে বললেও কিছু হয়নি', 'upazila'],
    ['ইউনিয়ন সমাজকর্মী খারাপ ব্যবহার করেছেন', 'union'],
    ['জেলা সমাজসেবা কার্যালয়ের উপপরিচালক শোনেননি', 'district'],
    // English
    ['The Upazila Social Services Officer asked for money', 'upazila'],
    ['the USSO refused to see me', 'upazila'],
    ['The union social worker took my card', 'union'],
    ['The deputy director ignored my letters', 'district'],
    // Banglish
    ['upojela somajseba officer taka chay', 'upazila'],
    ['upazila shomajsheba office e gelam, kaj hoy nai', 'upazila'],
    ['somajkormi bole taka lagbe', 'union'],
  ] as const)('names an office: "%s" → %s', (text, tier) => {
    expect(concernsTier('other', text)).toBe(tier);
  });

  it('takes the highest office named, and a bribe naming the upazila is about the upazila', () => {
    expect(concernsTier('other', 'the social worker sent me to the upazila social services officer, who asked for money')).toBe('upazila');
    expect(concernsTier('bribe', 'উপজেলা সমাজসেবা অফিসার ঘুষ চেয়েছেন')).toBe('upazila');
  });

  it('does not read "upazila" inside other words or a place name alone', () => {
    expect(concernsTier('exclusion', 'আমি টুঙ্গিপাড়া উপজেলায় থাকি, নাম তালিকায় নেই')).toBeNull();
    expect(concernsTier('not_received', 'I live in Kaunia upazila and the money did not come')).toBeNull();
  });

  it('routes above the office the complaint is about', () => {
    expect(firstTier('bribe', where, concernsTier('bribe', 'ঘুষ চেয়েছে'))).toBe('upazila');
    expect(firstTier('exclusion', where, concernsTier('exclusion', 'the union social worker left my name out'))).toBe('upazila');
    expect(firstTier('bribe', where, concernsTier('bribe', 'USSO wants 5000 taka'))).toBe('district');
    expect(firstTier('other', where, concernsTier('other', 'উপপরিচালক কথা শোনেননি'))).toBe('hq');
    expect(firstTier('exclusion', where, null)).toBe('union');
    expect(higherTier('union', null)).toBe('union');
    expect(higherTier('upazila', 'district')).toBe('district');
  });
});
