import { describe, expect, it } from 'vitest';
import { parseIncome } from './parseIncome.ts';

describe('parseIncome: amounts and periods', () => {
  it.each([
    ['মাসে ৫০০ টাকা', 500, 'month'],
    ['মাসে ৩০০০', 3000, 'month'],
    ['১৫০০০ টাকা মাসিক', 15000, 'month'],
    ['প্রতি মাসে ২০০০', 2000, 'month'],
    ['মাসে দুই হাজার', 2000, 'month'],
    ['দেড় হাজার টাকা মাসে', 1500, 'month'],
    ['1500 per month', 1500, 'month'],
    ['2k a month', 2000, 'month'],
    ['15000/month', 15000, 'month'],
    ['monthly 3000', 3000, 'month'],
    ['5000 pm', 5000, 'month'],
    ['mashe 5000', 5000, 'month'],
    ['masik 4000 taka', 4000, 'month'],
    ['বছরে ৮০০০', 8000, 'year'],
    ['বছরে ১ লাখ', 100000, 'year'],
    ['বাৎসরিক ৬০০০০', 60000, 'year'],
    ['বার্ষিক ৫০,০০০', 50000, 'year'],
    ['6000 a year', 6000, 'year'],
    ['yearly 20000', 20000, 'year'],
    ['per year 9000', 9000, 'year'],
    ['annual income 80000', 80000, 'year'],
    ['5000/year', 5000, 'year'],
    ['bochore 10000', 10000, 'year'],
    ['১.৫ lakh bochore', 150000, 'year'],
    ['১২০০০', 12000, null],
    ['৳১৫,০০০/-', 15000, null],
    ['Tk 8000', 8000, null],
    // Day labourers give a day's wage; the caller asks how many days a month.
    ['দিনে ৩০০ টাকা', 300, 'day'],
    ['রোজ ৪০০', 400, 'day'],
    ['দৈনিক ৫০০ টাকা হাজিরা', 500, 'day'],
    ['350 per day', 350, 'day'],
    ['dine 300 taka', 300, 'day'],
    // Both named: asking beats a twelvefold guess.
    ['মাসে না বছরে ৫০০০', 5000, null],
  ] as const)('%j → %d per %s', (text, amount, period) => {
    expect(parseIncome(text)).toEqual({ ok: true, amount, period });
  });
});

describe('parseIncome: no income', () => {
  it.each([
    '0',
    '০',
    'শূন্য',
    'কিছু না',
    'কিছুই না',
    'নাই',
    'নেই',
    'কোনো আয় নেই',
    'কোন আয় নাই।',
    'আমার কোনো আয় নাই',
    'আয় হয় না',
    'no income',
    'I have no income',
    'nothing',
    'none',
    'Nil',
    'kichu na',
    'kono ay nai',
    'nai',
  ])('%j → 0', (text) => {
    expect(parseIncome(text)).toEqual({ ok: true, amount: 0, period: null });
  });
});

describe('parseIncome: rejected', () => {
  it.each([
    '-500',
    'abc',
    'asdfgh',
    '',
    // "I don't know" is not "nothing".
    'জানি না',
    "I don't know",
    'jani na',
    // A bare no may refuse the question rather than answer it.
    'না',
    'no',
    // Two amounts, or an amount for each period.
    '5000 or 6000',
    'মাসে ৫০০০, বছরে ৬০০০০',
    // A phone number typed into the wrong box.
    '01712345678',
  ])('%j → not ok', (text) => {
    expect(parseIncome(text)).toEqual({ ok: false });
  });
});
