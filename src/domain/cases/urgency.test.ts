import { describe, expect, it } from 'vitest';
import { tokenise } from '../../text/normalise.ts';
import { detectUrgency, type UrgencyReason } from './urgency.ts';
import { LONG_AGO, URGENCY_KEYWORDS, URGENCY_REASONS } from './urgencyKeywords.ts';

describe('detectUrgency: text', () => {
  it.each<[string, UrgencyReason[]]>([
    // no_food
    ['তিন দিন ধরে না খেয়ে আছি', ['no_food']],
    ['ঘরে খাবার নেই, ভাতা বন্ধ', ['no_food']],
    ['বাচ্চাদের খাওয়া নাই', ['no_food']],
    ['আমরা অনাহারে দিন কাটাচ্ছি', ['no_food']],
    ['আজ উপোস করছি', ['no_food']],
    ['We have no food at home', ['no_food']],
    ['my mother is starving', ['no_food']],
    ['ghore khabar nai apa', ['no_food']],
    ['2 din na kheye achi', ['no_food']],
    // in the third person and in English, as a relative or a journalist tells it
    ['কয়েকদিন ধরে ঠিকমতো খেতে পাননি', ['no_food']],
    ['তিনি দুই দিন কিছু খাননি', ['no_food']],
    ['He has not eaten for two days', ['no_food']],
    ['ma du din kichu khayni', ['no_food']],
    // serious_illness
    ['স্বামীর ক্যান্সার, চিকিৎসার টাকা নেই', ['serious_illness']],
    ['বাবা স্ট্রোক করে পড়ে আছেন', ['serious_illness']],
    ['মা হাসপাতালে ভর্তি', ['serious_illness']],
    ['আমার ছেলে খুব অসুস্থ', ['serious_illness']],
    ['my father is in hospital with cancer', ['serious_illness']],
    ['baba hasptal e', ['serious_illness']],
    // death_in_family
    ['গত সপ্তাহে আমার ছেলে মারা গেছে', ['death_in_family']],
    ['স্বামী মারা গেছেন, এখন কী করব', ['death_in_family']],
    ['আব্বা ইন্তেকাল করেছেন গতকাল', ['death_in_family']],
    ['বাবার মৃত্যুর পর থেকে ভাতা পাই না', ['death_in_family']],
    ['my husband died last month', ['death_in_family']],
    ['amar swami mara geche', ['death_in_family']],
    // eviction
    ['আমাদের উচ্ছেদ করা হয়েছে', ['eviction']],
    ['বন্যায় ঘর ভেসে গেছে', ['eviction']],
    ['their house washed away in the flood', ['eviction']],
    ['ছেলে বাড়ি থেকে বের করে দিয়েছে', ['eviction']],
    ['থাকার জায়গা নেই এখন', ['eviction']],
    ['we were evicted from the char', ['eviction']],
    ['nodi vanganir por uchhed hoyechi', ['eviction']],
    // bribe
    ['মেম্বার ভাতার কার্ডের জন্য ঘুষ চায়', ['bribe']],
    ['৫০০০ টাকা চেয়েছে কার্ড দিতে', ['bribe']],
    ['চেয়ারম্যান টাকা দাবি করছে', ['bribe']],
    ['the union office asked for money for the card', ['bribe']],
    ['member ghush chay', ['bribe']],
    ['taka chay card dite', ['bribe']],
    // several at once, in the fixed order
    ['স্বামী মারা গেছেন, ঘরে খাবার নাই, মেম্বার ঘুষ চায়', ['no_food', 'death_in_family', 'bribe']],
    ['hospital bill and they asked for money', ['serious_illness', 'bribe']],
    // nothing urgent
    ['ভাতা পাচ্ছি না তিন মাস', []],
    ['আমার বয়স ৬৭, বয়স্ক ভাতা চাই', []],
    ['how do I apply for the disability allowance', []],
    ['আমি টাকা চাই না, শুধু কার্ড চাই', []],
    ['ছেলেকে স্কুলে ভর্তি করেছি', []],
    ['গ্রামে মারামারি হয়েছে', []],
    ['খাবারের অভাব নেই, কিন্তু ওষুধ কিনতে পারি না', []],
    ['', []],
  ])('%j → %j', (text, expected) => {
    expect(detectUrgency({ text })).toEqual(expected);
  });

  it('does not match a keyword inside another word', () => {
    // "মারা" in "মারামারি", "ঘুষ" in "ঘুষি" (a punch), "hospital" in "hospitality".
    expect(detectUrgency({ text: 'মারামারি করে ঘুষি মেরেছে' })).toEqual([]);
    expect(detectUrgency({ text: 'he works in hospitality' })).toEqual([]);
  });

  it('reads Bangla digits and mixed scripts the same', () => {
    expect(detectUrgency({ text: '৫০০০ টাকা চেয়েছে' })).toEqual(detectUrgency({ text: '5000 টাকা চেয়েছে' }));
  });

  it('does not count a death long ago: a widow explaining why she qualifies', () => {
    expect(detectUrgency({ text: 'আমার স্বামী ৫ বছর আগে মারা গেছেন, বিধবা ভাতা পাই না' })).toEqual([]);
    expect(detectUrgency({ text: 'my husband died 3 years ago' })).toEqual([]);
    expect(detectUrgency({ text: 'swami 2 bochor age mara geche' })).toEqual([]);
    // Months ago is recent enough to flag.
    expect(detectUrgency({ text: 'স্বামী দুই মাস আগে মারা গেছেন' })).toEqual(['death_in_family']);
    // "Long ago" hides the death only; other reasons stay.
    expect(detectUrgency({ text: 'স্বামী ১০ বছর আগে মারা গেছেন, ঘরে খাবার নেই' })).toEqual(['no_food']);
  });

  describe('known limitations (pinned so a change is deliberate)', () => {
    it('does not understand negation: "ঘুষ চায়নি" still flags bribe', () => {
      expect(detectUrgency({ text: 'মেম্বার ঘুষ চায়নি' })).toEqual(['bribe']);
      expect(detectUrgency({ text: 'no one asked for money' })).toEqual(['bribe']);
    });

    it('flags "dying of hunger" as both hunger and illness', () => {
      expect(detectUrgency({ text: 'we are dying of hunger' })).toEqual(['no_food', 'serious_illness']);
    });

    it('flags an old death mentioned without "years ago"', () => {
      expect(detectUrgency({ text: 'স্বামী মারা গেছেন অনেক আগে' })).toEqual(['death_in_family']);
    });
  });
});

describe('detectUrgency: category and profile', () => {
  it.each<[string, Parameters<typeof detectUrgency>[0], UrgencyReason[]]>([
    ['category bribe alone', { text: 'অভিযোগ', category: 'bribe' }, ['bribe']],
    ['category in any case and spacing', { text: '', category: ' Bribe ' }, ['bribe']],
    ['category bribe and bribe words: once', { text: 'ঘুষ চায়', category: 'bribe' }, ['bribe']],
    ['another category', { text: 'ভাতা পাইনি', category: 'money_not_received' }, []],
    ['65 with no income', { text: '', age: 65, annualIncome: 0 }, ['elderly_no_income']],
    ['80 with no income', { text: '', age: 80, annualIncome: 0 }, ['elderly_no_income']],
    ['64 with no income', { text: '', age: 64, annualIncome: 0 }, []],
    ['70 with some income', { text: '', age: 70, annualIncome: 5000 }, []],
    ['70, income not asked', { text: '', age: 70 }, []],
    ['no income, age not known', { text: '', annualIncome: 0 }, []],
    ['disabled with no income', { text: '', hasDisability: true, annualIncome: 0 }, ['disabled_no_income']],
    ['disabled with income', { text: '', hasDisability: true, annualIncome: 12000 }, []],
    ['disabled, income not asked', { text: '', hasDisability: true }, []],
    ['not disabled, no income', { text: '', hasDisability: false, annualIncome: 0 }, []],
    ['elderly and disabled, no income', { text: '', age: 72, hasDisability: true, annualIncome: 0 }, ['elderly_no_income', 'disabled_no_income']],
    [
      'everything at once, in the fixed order',
      { text: 'না খেয়ে আছি, হাসপাতালে, ছেলে মারা গেছে, উচ্ছেদ', age: 70, hasDisability: true, annualIncome: 0, category: 'bribe' },
      [...URGENCY_REASONS],
    ],
  ])('%s', (_name, input, expected) => {
    expect(detectUrgency(input)).toEqual(expected);
  });
});

describe('keyword table', () => {
  it('has every text reason with Bangla, and Latin-script entries', () => {
    for (const [reason, phrases] of Object.entries(URGENCY_KEYWORDS)) {
      expect(phrases.some((p) => /[\u0980-\u09FF]/.test(p)), reason).toBe(true);
      expect(phrases.some((p) => /^[a-z ]+$/.test(p)), reason).toBe(true);
    }
  });

  it('has no entry that tokenises to nothing, and no duplicates', () => {
    for (const phrase of [...Object.values(URGENCY_KEYWORDS).flat(), ...LONG_AGO]) {
      expect(tokenise(phrase).length, phrase).toBeGreaterThan(0);
    }
    for (const [reason, phrases] of Object.entries(URGENCY_KEYWORDS)) {
      const normal = phrases.map((p) => tokenise(p).join(' '));
      expect(new Set(normal).size, reason).toBe(normal.length);
    }
  });

  it('finds each keyword on its own', () => {
    for (const [reason, phrases] of Object.entries(URGENCY_KEYWORDS)) {
      for (const phrase of phrases) expect(detectUrgency({ text: phrase }), phrase).toContain(reason);
    }
  });
});
