import { describe, expect, it } from 'vitest';
import { splitText } from './splitText.ts';

// Vowel signs, nukta, chandrabindu/anusvara/visarga, au length mark, and the joiners.
const ATTACHED = /^[\u09bc-\u09d7\u0981-\u0983\u200c\u200d]/u;
const SENTENCE = 'সামাজিক নিরাপত্তা কর্মসূচির আবেদন যাচাই করা হচ্ছে, অনুগ্রহ করে অপেক্ষা করুন। ';

function checkPieces(text: string, pieces: string[], max: number): void {
  for (const piece of pieces) {
    expect(piece.length).toBeGreaterThan(0);
    expect(piece.length).toBeLessThanOrEqual(max);
    expect(piece).not.toMatch(ATTACHED);
  }
  // Only whitespace at the breaks may go missing.
  expect(pieces.join('').replace(/\s+/gu, '')).toBe(text.replace(/\s+/gu, ''));
}

describe('splitText', () => {
  it('leaves text under the limit alone and sends nothing for empty text', () => {
    expect(splitText('নমস্কার')).toEqual(['নমস্কার']);
    expect(splitText('x'.repeat(4096))).toHaveLength(1);
    expect(splitText('')).toEqual([]);
  });

  it('splits long Bangla prose at sentence ends within the limit', () => {
    const text = SENTENCE.repeat(80).trim();
    const pieces = splitText(text);
    expect(pieces.length).toBeGreaterThan(1);
    checkPieces(text, pieces, 4096);
    for (const piece of pieces.slice(0, -1)) expect(piece.endsWith('।')).toBe(true);
  });

  it('prefers a paragraph break over a later line or sentence break', () => {
    const first = SENTENCE.repeat(2).trim();
    const second = `${SENTENCE.trim()}\n${SENTENCE.trim()}`;
    const text = `${first}\n\n${second}`;
    // Everything but the last few letters fits, so the line break inside `second` is within reach too.
    const max = text.length - 10;
    const pieces = splitText(text, max);
    expect(pieces).toEqual([first, second]);
    checkPieces(text, pieces, max);
  });

  it('falls back to a line break, then a space', () => {
    expect(splitText('আবেদন গ্রহণ\nকরা হয়েছে', 15)).toEqual(['আবেদন গ্রহণ', 'করা হয়েছে']);
    expect(splitText('আবেদন গ্রহণ করা হয়েছে', 15)).toEqual(['আবেদন গ্রহণ করা', 'হয়েছে']);
  });

  it('cuts an unbroken run only between graphemes, never inside a conjunct or after a vowel sign', () => {
    const word = 'স্বাস্থ্যক্ষেত্রেকৌশলীর্ষ্ট্র';
    const text = word.repeat(300);
    for (const max of [4096, 97, 10, 7]) {
      const pieces = splitText(text, max);
      checkPieces(text, pieces, max);
      for (const piece of pieces) expect(piece).not.toMatch(/\u09cd$/u);
      expect(pieces.join('')).toBe(text);
    }
  });

  it('keeps emoji surrogate pairs and sequences whole', () => {
    const text = `${'👨‍👩‍👧 '.repeat(5)}${'🇧🇩'.repeat(50)}`;
    const pieces = splitText(text, 9);
    checkPieces(text, pieces, 9);
    for (const piece of pieces) expect(piece).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/u);
  });

  it('handles a 5000-character Bangla message in two pieces', () => {
    const text = SENTENCE.repeat(Math.ceil(5000 / SENTENCE.length)).slice(0, 5000);
    const pieces = splitText(text);
    expect(pieces).toHaveLength(2);
    checkPieces(text, pieces, 4096);
  });
});
