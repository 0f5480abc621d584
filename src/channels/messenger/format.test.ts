import { describe, expect, it } from 'vitest';
import type { RenderedChoice, RenderedMessage } from '../../infra/i18n/createTranslator.ts';
import { formatForMessenger } from './format.ts';
import type { MessengerMessage } from './graph.ts';

const SENTENCE = 'আপনার অভিযোগটি সংশ্লিষ্ট কর্মকর্তার কাছে পাঠানো হয়েছে এবং শীঘ্রই উত্তর পাবেন। ';
/** A place name of 30 graphemes: Messenger would cut it as a quick-reply title. */
const LONG_PLACE = 'কক্সবাজার জেলার উখিয়া উপজেলার পালংখালী ইউনিয়ন';
const BN_DIGITS = ['১', '২', '৩', '৪', '৫', '৬', '৭', '৮', '৯', '১০', '১১', '১২', '১৩'];

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemes = (s: string): number => Array.from(segmenter.segment(s)).length;

function message(text: string, choices: RenderedChoice[] = [], extra: Partial<RenderedMessage> = {}): RenderedMessage {
  return { key: 'test:message', lang: 'bn', text, choices, ...extra };
}

function titlesOf(m: MessengerMessage): string[] {
  if ('attachment' in m) return m.attachment.payload.buttons.map((b) => b.title);
  return (m.quick_replies ?? []).map((q) => q.title);
}

/**
 * What must hold for every output: Messenger's limits, and every title is a whole
 * label, short form or list number — never cut, never over 20 graphemes.
 */
function checkOutput(input: RenderedMessage, out: MessengerMessage[]): void {
  const numerals = input.choices.map((_, i) => (input.lang === 'bn' ? (BN_DIGITS[i] ?? '') : String(i + 1)));
  const allowed = new Set([...input.choices.flatMap((c) => [c.label, ...(c.short !== undefined ? [c.short] : [])]), ...numerals]);
  for (const m of out) {
    if ('attachment' in m) {
      expect(m.attachment.payload.text.length).toBeLessThanOrEqual(640);
      expect(m.attachment.payload.buttons.length).toBeGreaterThanOrEqual(1);
      expect(m.attachment.payload.buttons.length).toBeLessThanOrEqual(3);
    } else {
      expect(m.text.length).toBeLessThanOrEqual(2000);
      expect((m.quick_replies ?? []).length).toBeLessThanOrEqual(13);
    }
    for (const title of titlesOf(m)) {
      expect(graphemes(title)).toBeGreaterThan(0);
      expect(graphemes(title)).toBeLessThanOrEqual(20);
      expect(allowed.has(title), `title "${title}" is not a whole label, short form or number`).toBe(true);
    }
  }
}

/** formatForMessenger with the property check run on every call. */
function format(input: RenderedMessage): MessengerMessage[] {
  const out = formatForMessenger(input);
  checkOutput(input, out);
  return out;
}

function textOf(m: MessengerMessage | undefined): string {
  if (m === undefined) throw new Error('no message');
  return 'attachment' in m ? m.attachment.payload.text : m.text;
}

const few: RenderedChoice[] = [
  { id: 'case.status', label: 'অবস্থা দেখুন' },
  { id: 'case.new', label: 'নতুন অভিযোগ' },
];

describe('formatForMessenger', () => {
  it('sends plain text as one text message', () => {
    expect(format(message('আপনার অভিযোগ গ্রহণ করা হয়েছে।'))).toEqual([{ text: 'আপনার অভিযোগ গ্রহণ করা হয়েছে।' }]);
  });

  it('splits Bangla text over 2000 characters into parts that keep every word, choices only on the last', () => {
    const text = SENTENCE.repeat(60).trim();
    expect(text.length).toBeGreaterThan(4000);
    const out = format(message(text, few));
    expect(out.length).toBeGreaterThanOrEqual(3);
    for (const m of out) expect(textOf(m).length).toBeLessThanOrEqual(2000);
    expect(out.map(textOf).join(' ').split(/\s+/u)).toEqual(text.split(/\s+/u));
    for (const m of out.slice(0, -1)) expect(m).toEqual({ text: textOf(m) });
    expect(titlesOf(out.at(-1) ?? { text: '' })).toEqual(['অবস্থা দেখুন', 'নতুন অভিযোগ']);
  });

  it('offers up to 13 fitting choices as quick replies titled with the label and carrying the id', () => {
    const choices = Array.from({ length: 13 }, (_, i): RenderedChoice => ({ id: `loc.un${i}`, label: `ইউনিয়ন ${i + 1}` }));
    const out = format(message('কোন ইউনিয়নে থাকেন?', choices));
    expect(out).toEqual([
      {
        text: 'কোন ইউনিয়নে থাকেন?',
        quick_replies: choices.map((c) => ({ content_type: 'text', title: c.label, payload: c.id })),
      },
    ]);
  });

  it('uses a choice’s short form as its title when it has one', () => {
    const out = format(
      message('কী করতে চান?', [
        { id: 'grievance.new', label: 'ইউনিয়ন পরিষদে নতুন একটি অভিযোগ দাখিল করুন', short: 'নতুন অভিযোগ' },
        { id: 'menu', label: 'মেনু', short: 'মেনু' },
      ]),
    );
    expect(out).toEqual([
      {
        text: 'কী করতে চান?',
        quick_replies: [
          { content_type: 'text', title: 'নতুন অভিযোগ', payload: 'grievance.new' },
          { content_type: 'text', title: 'মেনু', payload: 'menu' },
        ],
      },
    ]);
  });

  it('lists a label over 20 graphemes in the text with Bangla numbers, and quick replies show just the numbers', () => {
    expect(graphemes(LONG_PLACE)).toBeGreaterThan(20);
    const choices: RenderedChoice[] = [
      { id: 'loc.un1', label: 'ধামরাই' },
      { id: 'loc.un2', label: LONG_PLACE },
    ];
    const out = format(message('কোন ইউনিয়নে থাকেন?', choices));
    expect(out).toHaveLength(1);
    expect(textOf(out[0])).toContain(`১. ধামরাই\n২. ${LONG_PLACE}`);
    expect(out[0]).toMatchObject({
      quick_replies: [
        { content_type: 'text', title: '১', payload: 'loc.un1' },
        { content_type: 'text', title: '২', payload: 'loc.un2' },
      ],
    });
  });

  it('numbers the list with Latin digits in English', () => {
    const choices: RenderedChoice[] = [
      { id: 'loc.un1', label: 'Dhamrai' },
      { id: 'loc.un2', label: 'Palongkhali Union, Ukhiya Upazila, Cox’s Bazar' },
    ];
    const out = format(message('Which union do you live in?', choices, { lang: 'en' }));
    expect(textOf(out[0])).toContain('1. Dhamrai\n2. Palongkhali Union, Ukhiya Upazila, Cox’s Bazar');
    expect(textOf(out[0])).not.toMatch(/[০-৯]/u);
    expect(out[0]).toMatchObject({
      quick_replies: [
        { title: '1', payload: 'loc.un1' },
        { title: '2', payload: 'loc.un2' },
      ],
    });
  });

  it('lists more than 13 choices in the text without quick replies', () => {
    const choices = Array.from({ length: 15 }, (_, i): RenderedChoice => ({ id: `loc.un${i}`, label: `ইউনিয়ন ${i}` }));
    const out = format(message('কোন ইউনিয়নে থাকেন?', choices));
    const all = out.map(textOf).join('\n');
    expect(all).toContain('১. ইউনিয়ন 0');
    expect(all).toContain('১৫. ইউনিয়ন 14');
    for (const m of out) {
      expect('attachment' in m).toBe(false);
      expect(titlesOf(m)).toEqual([]);
    }
  });

  it('shows a short result with up to 3 fitting next steps as a button template', () => {
    const out = format(
      message('আপনার অভিযোগ নম্বর ৪৮২-১৭৩-৯০৮।', [...few, { id: 'menu', label: 'মেনু' }], { kind: 'result' }),
    );
    expect(out).toEqual([
      {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'button',
            text: 'আপনার অভিযোগ নম্বর ৪৮২-১৭৩-৯০৮।',
            buttons: [
              { type: 'postback', title: 'অবস্থা দেখুন', payload: 'case.status' },
              { type: 'postback', title: 'নতুন অভিযোগ', payload: 'case.new' },
              { type: 'postback', title: 'মেনু', payload: 'menu' },
            ],
          },
        },
      },
    ]);
  });

  it('does not use a button template for a result whose text is over 640 characters', () => {
    const text = SENTENCE.repeat(10).trim();
    expect(text.length).toBeGreaterThan(640);
    expect(text.length).toBeLessThanOrEqual(2000);
    const out = format(message(text, few, { kind: 'result' }));
    for (const m of out) expect('attachment' in m).toBe(false);
    expect(out).toEqual([{ text, quick_replies: few.map((c) => ({ content_type: 'text', title: c.label, payload: c.id })) }]);
  });

  it('asks a question with two choices as quick replies, not buttons', () => {
    const out = format(message('আপনি কি নিশ্চিত?', few, { kind: 'question' }));
    expect(out).toHaveLength(1);
    expect('attachment' in (out[0] ?? { text: '' })).toBe(false);
    expect(titlesOf(out[0] ?? { text: '' })).toEqual(['অবস্থা দেখুন', 'নতুন অভিযোগ']);
  });

  it('never shows a title over 20 graphemes or cut mid-grapheme, whatever the labels', () => {
    // Labels around the 20-grapheme edge made of multi-unit graphemes: conjuncts, vowel signs, ZWJ emoji.
    const pieces = ['ক্ষ', 'শ্রী', 'কি', '👨‍👩‍👧', 'a', 'ৎ', 'ড়ে'];
    const label = (seed: number, n: number): string => Array.from({ length: n }, (_, i) => pieces[(seed + i * 3) % pieces.length] ?? 'a').join('');
    for (const count of [1, 2, 3, 4, 13, 14]) {
      for (const length of [19, 20, 21, 25]) {
        for (const kind of ['question', 'result'] as const) {
          for (const lang of ['bn', 'en'] as const) {
            const choices = Array.from({ length: count }, (_, i): RenderedChoice => ({
              id: `c${i}`,
              label: label(i, length),
              ...(i % 2 === 0 ? { short: label(i + 1, Math.min(length, 20)) } : {}),
            }));
            const out = format(message('বেছে নিন', choices, { kind, lang }));
            expect(out.length).toBeGreaterThan(0);
          }
        }
      }
    }
  });
});
