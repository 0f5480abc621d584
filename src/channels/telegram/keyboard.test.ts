import { describe, expect, it } from 'vitest';
import { inlineKeyboard } from './keyboard.ts';

describe('inlineKeyboard', () => {
  it('pairs short labels and gives long ones a row each', () => {
    const markup = inlineKeyboard([
      { id: 'yes', label: 'হ্যাঁ' },
      { id: 'no', label: 'না' },
      { id: 'loc.p.un1234', label: 'ধামরাই উপজেলা, ঢাকা জেলা' },
      { id: 'lang.en', label: 'English' },
      { id: 'lang.bn', label: 'বাংলা' },
      { id: 'menu', label: 'মেনু' },
    ]);
    expect(markup.inline_keyboard).toEqual([
      [
        { text: 'হ্যাঁ', callback_data: 'yes' },
        { text: 'না', callback_data: 'no' },
      ],
      [{ text: 'ধামরাই উপজেলা, ঢাকা জেলা', callback_data: 'loc.p.un1234' }],
      [
        { text: 'English', callback_data: 'lang.en' },
        { text: 'বাংলা', callback_data: 'lang.bn' },
      ],
      [{ text: 'মেনু', callback_data: 'menu' }],
    ]);
  });

  it('counts label length in graphemes, so conjuncts count once', () => {
    // স্বা and স্থ্য: two graphemes in nine code units.
    const fourteen = 'স্বাস্থ্য'.repeat(7);
    expect(fourteen.length).toBeGreaterThan(14);
    const pair = (label: string) => inlineKeyboard([{ id: 'a', label }, { id: 'b', label: 'না' }]).inline_keyboard;
    expect(pair(fourteen)).toHaveLength(1);
    expect(pair(`${fourteen}ক`)).toHaveLength(2);
  });

  it('accepts a 64-byte id and rejects a longer one with a clear message', () => {
    expect(inlineKeyboard([{ id: 'a'.repeat(64), label: 'ok' }]).inline_keyboard).toHaveLength(1);
    expect(() => inlineKeyboard([{ id: 'a'.repeat(65), label: 'ok' }])).toThrow(/65 bytes.*1-64 bytes/);
    // 22 Bangla letters are 66 bytes though only 22 characters.
    expect(() => inlineKeyboard([{ id: 'ক'.repeat(22), label: 'ok' }])).toThrow(/66 bytes/);
    expect(() => inlineKeyboard([{ id: '', label: 'ok' }])).toThrow(/0 bytes/);
  });

  it('gives an empty keyboard for no choices', () => {
    expect(inlineKeyboard([])).toEqual({ inline_keyboard: [] });
  });
});
