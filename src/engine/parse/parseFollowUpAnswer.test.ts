import { describe, expect, it } from 'vitest';
import { parseFollowUpAnswer } from './parseFollowUpAnswer.ts';

describe('parseFollowUpAnswer', () => {
  it.each([
    'হ্যাঁ, পাচ্ছি', 'ha pai', 'pacchi', 'পাচ্ছি', 'পেয়েছি', 'হ্যা পাই', 'ji pai', 'পুরো পাই', 'sob pai', 'Yes, received', 'got it', 'I get it every month',
    '✅ হ্যাঁ, পুরো টাকা আসে', 'taka ase',
  ])('%j → yes, about the money', (text) => {
    expect(parseFollowUpAnswer(text)).toEqual({ answer: 'yes', aboutMoney: true });
  });

  it.each(['ordhek', 'অর্ধেক', 'অর্ধেক পাই', 'আধা টাকা পাই', 'কিছু পাই', 'kichu pai', 'kom pai', 'কম দেয়', 'পুরো না', 'puro pai na', 'সব পাই না', 'not in full', 'partly', 'half', '⚠️ কিছু আসে, পুরো না', 'পুরো টাকা পান না, অর্ধেক'])(
    '%j → partly',
    (text) => {
      expect(parseFollowUpAnswer(text)).toEqual({ answer: 'partly', aboutMoney: true });
    },
  );

  it.each([
    'pai nai', 'paini', 'pai na', 'পাইনি', 'পাই নাই', 'পাচ্ছি না', 'পাচ্ছিনা', 'taka ase nai', 'টাকা আসেনি', 'টাকা দেয় না', 'not yet', 'এখনো পাইনি', 'ekhono na',
    'কিছুই পাই না', 'কিছু পাই না', 'not received', 'never got it', 'no money', '❌ না, টাকা আসে না', 'I don\'t get it',
  ])('%j → no, about the money', (text) => {
    expect(parseFollowUpAnswer(text)).toEqual({ answer: 'no', aboutMoney: true });
  });

  it.each([
    ['হ্যাঁ', 'yes'],
    ['জি', 'yes'],
    ['yes', 'yes'],
    ['ha', 'yes'],
    ['না', 'no'],
    ['না।', 'no'],
    ['nai', 'no'],
    ['no', 'no'],
    ['জি না', 'no'],
  ] as const)('a bare %j is %s, but says nothing of the money', (text, answer) => {
    expect(parseFollowUpAnswer(text)).toEqual({ answer, aboutMoney: false });
  });

  it.each([
    'আমি কি ভাতা পাই?', 'ami ki bhata pai', 'বয়স্ক ভাতার জন্য কী কী কাগজ লাগে', 'জানি না', 'hello', 'মেনু', '', '   ', 'হ্যাঁ না',
    'আমার মা বয়স্ক ভাতা পাবে কিনা দেখতে চাই', 'আমার বাবা গত বছর থেকে অসুস্থ, কাজ করতে পারেন না, ঘরে খাবার নেই, কেউ দেখে না, আমি কী করব বুঝতে পারছি না',
  ])('%j is no answer', (text) => {
    expect(parseFollowUpAnswer(text)).toBeNull();
  });

  it('reads Bangla and Latin digits alike: neither is an answer in words', () => {
    expect(parseFollowUpAnswer('১')).toBeNull();
    expect(parseFollowUpAnswer('1')).toBeNull();
  });
});
