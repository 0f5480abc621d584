import { describe, expect, it } from 'vitest';
import { StatedFactsSchema, type StatedFacts } from '../../engine/understanding.ts';
import { extractFacts } from './rulesFacts.ts';

const facts = (text: string): StatedFacts => extractFacts(text).facts;
const SELF = { subject: 'self', relation: 'self' } as const;
const MOTHER = { subject: 'other', relation: 'mother', sex: 'female' } as const;
const NONE = { amount: 0, period: 'month', whose: 'subject' } as const;

type Case = [text: string, expected: StatedFacts];

describe('extractFacts: who it is about', () => {
  it.each<Case>([
    ['আমার মা কি ভাতা পাবে?', MOTHER],
    ['মায়ের বয়স কত লাগে', MOTHER],
    ['আম্মার জন্য', MOTHER],
    ['amar ammu', MOTHER],
    ['maa er jonno', MOTHER],
    ['my mom', MOTHER],
    ['আব্বা কি পাবেন', { subject: 'other', relation: 'father', sex: 'male' }],
    ['amar baba', { subject: 'other', relation: 'father', sex: 'male' }],
    ['আমার নানী', { subject: 'other', relation: 'grandmother', sex: 'female' }],
    ['দাদীর জন্য', { subject: 'other', relation: 'grandmother', sex: 'female' }],
    ['আমার ছেলে প্রতিবন্ধী', { subject: 'other', relation: 'son', sex: 'male', hasDisability: true }],
    ['আমার মেয়ে', { subject: 'other', relation: 'daughter', sex: 'female' }],
    ['আমার ভাই', { subject: 'other', relation: 'brother', sex: 'male' }],
    ['আমার বোন', { subject: 'other', relation: 'sister', sex: 'female' }],
    ['প্রতিবেশী কি পাবে', { subject: 'other', relation: 'neighbour' }],
    ['my neighbour', { subject: 'other', relation: 'neighbour' }],
    ['আমার চাচা', { subject: 'other', relation: 'relative', sex: 'male' }],
    // The husband as the subject, and as the subject's spouse.
    ['আমার স্বামী প্রতিবন্ধী', { subject: 'other', relation: 'husband', sex: 'male', maritalStatus: 'married', hasDisability: true }],
    ['amar sami stroke korse', { subject: 'other', relation: 'husband', sex: 'male', maritalStatus: 'married', illness: 'stroke_paralysis' }],
    ['আমার স্বামী মারা গেছে', { ...SELF, sex: 'female', maritalStatus: 'widowed' }],
    ['my wife is disabled', { subject: 'other', relation: 'wife', sex: 'female', maritalStatus: 'married', hasDisability: true }],
    ['আমার বউ মারা গেছে', { ...SELF, sex: 'male', maritalStatus: 'widowed' }],
    // A sister's husband is a circumstance of the sister.
    ['আমার বোনের স্বামী তাকে ছেড়ে চলে গেছে', { subject: 'other', relation: 'sister', sex: 'female', maritalStatus: 'deserted' }],
    ['amar bon er sami chere chole gese', { subject: 'other', relation: 'sister', sex: 'female', maritalStatus: 'deserted' }],
    // Alone, the writer.
    ['আমি', SELF],
    ['আমার', SELF],
    ['ami', SELF],
    ['I want to apply', SELF],
    // "ভাই" addressing the reader is not a brother; strangers are 'other'.
    ['ভাই, আমি কি ভাতা পাবো?', SELF],
    ['আমাদের গ্রামে এক বিধবা মহিলা আছেন', { subject: 'other', relation: 'other', sex: 'female', maritalStatus: 'widowed' }],
    ['an old man in my village', { subject: 'other', relation: 'other', sex: 'male' }],
    ['উনি কি ভাতা পাবেন', { subject: 'other' }],
    // The one a question asks about wins over context named first.
    ['my father gets a pension. my mother is 64, can she get the allowance?', { ...MOTHER, age: 64, maritalStatus: 'married' }],
  ])('%j', (text, expected) => {
    expect(facts(text)).toEqual(expected);
  });
});

describe('extractFacts: age', () => {
  it.each<[string, number | undefined]>([
    ['৭২ বছর', 72],
    ['বয়স ৭২', 72],
    ['আমার বয়স ৬৮', 68],
    ['boyosh 68', 68],
    ['amar boyos 64 ami ki vata pabo', 64],
    ['68 years old', 68],
    ['I am 68', 68],
    ["I'm 69, married", 69],
    ['she is 72', 72],
    ['আমার বয়স বাহাত্তর বছর', 72],
    ['বয়স সত্তর', 70],
    ['amar boyos sottor', 70],
    ["I'm seventy two", 72],
    ['My father is seventy-eight.', 78],
    ['আমার মা ৭২, বাবা নাই', 72],
    ['৭৩ বছর ৬ মাস', 73],
    // Never money, a phone, a date, a count of months, a duration or a hedge.
    ['মাসে ৬০০০ টাকা', undefined],
    ['৭০ টাকা', undefined],
    ['৩ মাস ধরে ভাতা পাই না', undefined],
    ['৩ বছর ধরে অসুস্থ', undefined],
    ['স্বামী মারা গেছেন ৫ বছর আগে', undefined],
    ['sami mara gese 3 bochor age', undefined],
    ['husband dead 10 yrs', undefined],
    ['ফোন ০১৭১২৩৪৫৬৭৮', undefined],
    ['১২/০৩/২০২৪ তারিখে', undefined],
    ['২০১৫ সালে', undefined],
    ['বয়স প্রায় ৭০', undefined],
    ['৯০ এর কাছাকাছি বয়স', undefined],
    ['about 75', undefined],
    ['দুই মেয়ে আছে', undefined],
    ['অভিযোগ ১৪৩-২২৭-০৭৯', undefined],
  ])('%j → %s', (text, age) => {
    expect(facts(text).age).toBe(age);
  });

  it('takes the subject\'s age, not the writer\'s', () => {
    expect(facts('আমার মায়ের বয়স ৭২, আমার বয়স ৪০')).toMatchObject({ relation: 'mother', age: 72 });
    expect(facts('আমার বাবা ৬৬ বছর, মা ৬০ বছর')).toMatchObject({ relation: 'father', age: 66 });
  });
});

describe('extractFacts: sex and marital status', () => {
  it.each<Case>([
    ['আমি মহিলা', { ...SELF, sex: 'female' }],
    ['ami purush', { ...SELF, sex: 'male' }],
    ['I am a woman', { ...SELF, sex: 'female' }],
    ['আমি হিজড়া', { ...SELF, sex: 'hijra' }],
    ['আমি বিধবা', { ...SELF, sex: 'female', maritalStatus: 'widowed' }],
    ['ami bidhoba', { ...SELF, sex: 'female', maritalStatus: 'widowed' }],
    ['আমি বিধোবা', { ...SELF, sex: 'female', maritalStatus: 'widowed' }],
    ["I'm a widow", { ...SELF, sex: 'female', maritalStatus: 'widowed' }],
    ['স্বামী মারা গেছেন', { ...SELF, sex: 'female', maritalStatus: 'widowed' }],
    ['আমার স্বামী নাই', { ...SELF, sex: 'female', maritalStatus: 'widowed' }],
    ['sami mara gese', { ...SELF, sex: 'female', maritalStatus: 'widowed' }],
    ['amar sami nai', { ...SELF, sex: 'female', maritalStatus: 'widowed' }],
    ['my husband died', { ...SELF, sex: 'female', maritalStatus: 'widowed' }],
    // For a mother, the writer's father is her husband.
    ['আমার মায়ের বয়স ৭২, বাবা মারা গেছেন', { ...MOTHER, age: 72, maritalStatus: 'widowed' }],
    ['ma er boyos 72, baba mara gechen', { ...MOTHER, age: 72, maritalStatus: 'widowed' }],
    ['মায়ের বয়স ৬৭, বাবা বেঁচে আছেন', { ...MOTHER, age: 67, maritalStatus: 'married' }],
    ['স্বামী ছেড়ে চলে গেছে', { ...SELF, sex: 'female', maritalStatus: 'deserted' }],
    ['আমি তালাকপ্রাপ্তা', { ...SELF, sex: 'female', maritalStatus: 'deserted' }],
    ['I am divorced', { ...SELF, maritalStatus: 'deserted' }],
    ['my husband abandoned me', { ...SELF, sex: 'female', maritalStatus: 'deserted' }],
    ['আমি বিবাহিত', { ...SELF, maritalStatus: 'married' }],
    ['আমার মেয়ে অবিবাহিত', { subject: 'other', relation: 'daughter', sex: 'female', maritalStatus: 'never_married' }],
    ['my uncle is not married', { subject: 'other', relation: 'relative', sex: 'male', maritalStatus: 'never_married' }],
    // Asking about the widow allowance states nothing; receiving it now does.
    ['বিধবা ভাতা পাবো?', {}],
    ['How do I apply for the widow allowance?', SELF],
    ['আমার মা বিধবা ভাতা পান', { ...MOTHER, maritalStatus: 'widowed', receivesOtherAllowance: true }],
  ])('%j', (text, expected) => {
    expect(facts(text)).toEqual(expected);
  });
});

describe('extractFacts: disability, the Suborno card, study, illness', () => {
  it.each<Case>([
    ['আমি প্রতিবন্ধী', { ...SELF, hasDisability: true }],
    ['ami protibondhi', { ...SELF, hasDisability: true }],
    ['I am disabled', { ...SELF, hasDisability: true }],
    ['আমার নানী চোখে দেখেন না', { subject: 'other', relation: 'grandmother', sex: 'female', hasDisability: true }],
    ['nani chokhe dekhe na', { subject: 'other', relation: 'grandmother', sex: 'female', hasDisability: true }],
    ['আমার ছেলে হাঁটতে পারে না', { subject: 'other', relation: 'son', sex: 'male', hasDisability: true }],
    ['আমার এক পা নেই', { ...SELF, hasDisability: true }],
    // Negation, in both word orders.
    ['আমার বোন প্রতিবন্ধী নন', { subject: 'other', relation: 'sister', sex: 'female', hasDisability: false }],
    ['ami protibondhi na', { ...SELF, hasDisability: false }],
    ['I am not disabled', { ...SELF, hasDisability: false }],
    // "পাই নাই" (did not get) is not "পা নাই" (has no leg); a programme's name is no fact.
    ['ভাতা পাই নাই', {}],
    ['প্রতিবন্ধী ভাতা কারা পায়', {}],
    ['stipend for disabled students', {}],
    ['সুবর্ণ কার্ড আছে', { hasSubornoCard: true, hasDisability: true }],
    ['suborno card ase', { hasSubornoCard: true, hasDisability: true }],
    ['He has a Suborno card', { subject: 'other', sex: 'male', hasSubornoCard: true, hasDisability: true }],
    ['সুবর্ণ কার্ড নাই', { hasSubornoCard: false }],
    ['সুবর্ণ কার্ড এখনো করা হয়নি', { hasSubornoCard: false }],
    ["I don't have a Suborno card yet", { ...SELF, hasSubornoCard: false }],
    ['সুবর্ণ কার্ড কিভাবে করব', {}],
    ['আমার ছেলে স্কুলে পড়ে', { subject: 'other', relation: 'son', sex: 'male', isStudent: true }],
    ['amar chele class 6 e pore', { subject: 'other', relation: 'son', sex: 'male', isStudent: true }],
    ['আমার ছেলে ক্লাস সেভেনে পড়ে', { subject: 'other', relation: 'son', sex: 'male', isStudent: true }],
    ['ami college e pori', { ...SELF, isStudent: true }],
    ['ভাই পড়াশোনা করে না', { isStudent: false }],
    ['আমার ভাই পড়াশোনা করে না', { subject: 'other', relation: 'brother', sex: 'male', isStudent: false }],
    ['my brother is not a student', { subject: 'other', relation: 'brother', sex: 'male', isStudent: false }],
    ['আমার মায়ের ক্যান্সার', { ...MOTHER, illness: 'cancer' }],
    ['আমার বাবার কিডনি নষ্ট', { subject: 'other', relation: 'father', sex: 'male', illness: 'kidney' }],
    ['আমার স্ট্রোক হয়েছে', { ...SELF, illness: 'stroke_paralysis' }],
    ['আমার চাচা প্যারালাইসিস রোগী', { subject: 'other', relation: 'relative', sex: 'male', illness: 'stroke_paralysis' }],
    ['my brother has liver cirrhosis', { subject: 'other', relation: 'brother', sex: 'male', illness: 'liver_cirrhosis' }],
    ['আমার মেয়ের থ্যালাসেমিয়া', { subject: 'other', relation: 'daughter', sex: 'female', illness: 'thalassaemia' }],
    ['আমার মেয়ের জন্মগত হৃদরোগ', { subject: 'other', relation: 'daughter', sex: 'female', illness: 'congenital_heart' }],
    ['ক্যান্সার রোগীর আর্থিক সহায়তা', {}],
  ])('%j', (text, expected) => {
    expect(facts(text)).toEqual(expected);
  });
});

describe('extractFacts: income, whose and per what', () => {
  it.each<Case>([
    ['কোনো আয় নাই', { income: NONE }],
    ['আমার কোনো আয় নেই', { ...SELF, income: NONE }],
    ['আয় নাই', { income: NONE }],
    ['no income', { income: NONE }],
    ['kono aay nai', { income: NONE }],
    ['মাসে ৬০০০ টাকা আয়', { income: { amount: 6000, period: 'month', whose: 'subject' } }],
    ['দিনে ৩০০ টাকা কামাই করি', { income: { amount: 300, period: 'day', whose: 'subject' } }],
    ['বছরে ১০০০০ টাকা আয়', { income: { amount: 10000, period: 'year', whose: 'subject' } }],
    ['I earn 6000 taka a month', { ...SELF, income: { amount: 6000, period: 'month', whose: 'subject' } }],
    ['bochore 25 hajar taka aay', { income: { amount: 25000, period: 'year', whose: 'subject' } }],
    ['আয় ৫০০০ টাকা', { income: { amount: 5000, period: 'month', whose: 'subject' } }],
    // The son's wage is never his mother's.
    [
      'মায়ের নিজের কোনো আয় নাই, আমি দিনমজুর, মাসে ৬০০০ টাকা কামাই',
      { ...MOTHER, income: NONE, otherIncomes: [{ amount: 6000, period: 'month', whose: 'writer' }] },
    ],
    [
      'amar ammar boyosh 70 bochor, tar kono ay nai. ami rickshaw chalai dine 500 taka',
      { ...MOTHER, age: 70, income: NONE, otherIncomes: [{ amount: 500, period: 'day', whose: 'writer' }] },
    ],
    ['আমি মহিলা, স্বামী দিনমজুর, মাসে ৫০০০ টাকার মতো কামায়', { ...SELF, sex: 'female', maritalStatus: 'married', otherIncomes: [{ amount: 5000, period: 'month', whose: 'household' }] }],
    // Bribes, costs and the allowance itself are not income.
    ['চেয়ারম্যান ২০০০ টাকা ঘুষ চাইছে', {}],
    ['অপারেশনে ২ লাখ টাকা লাগবে', {}],
    ['মাসে ৫০০ টাকা ভাতা পাই', { receivesOtherAllowance: true }],
    ['mase 1000 taka o income nai', {}],
  ])('%j', (text, expected) => {
    expect(facts(text)).toEqual(expected);
  });
});

describe('extractFacts: allowances and pensions', () => {
  it.each<Case>([
    ['কোনো ভাতা পাই না', { receivesOtherAllowance: false }],
    ['kono bhata pai na', { receivesOtherAllowance: false }],
    ['উনি কোনো ভাতা পান না', { subject: 'other', receivesOtherAllowance: false }],
    ['she gets no allowance', { subject: 'other', sex: 'female', receivesOtherAllowance: false }],
    ['he does not get any allowance', { subject: 'other', sex: 'male', receivesOtherAllowance: false }],
    ['আমি বয়স্ক ভাতা পাই', { ...SELF, receivesOtherAllowance: true }],
    ['My mother already gets the widow allowance', { ...MOTHER, maritalStatus: 'widowed', receivesOtherAllowance: true }],
    // A question, and not receiving payments for a while, state nothing.
    ['ভাতা পাবো?', {}],
    ['৩ মাস ধরে ভাতা পাই না', {}],
    ['ভাতার টাকা পাই না', {}],
    ['আমি পেনশন পাই', { ...SELF, govtServiceOrPension: true }],
    ['সরকারি চাকরি করতাম', { govtServiceOrPension: true }],
    ['sorkari pension pai na', { govtServiceOrPension: false }],
    ['I get no pension', { ...SELF, govtServiceOrPension: false }],
    // The husband's pension is not the writer's.
    ['আমার বয়স ৬৩, স্বামী আছেন, উনি সরকারি পেনশন পান', { ...SELF, age: 63, sex: 'female', maritalStatus: 'married' }],
  ])('%j', (text, expected) => {
    expect(facts(text)).toEqual(expected);
  });
});

describe('extractFacts: the brief\'s stories', () => {
  it.each<Case>([
    ['amar boyosh 68, sami nai, kono bhata pai na', { ...SELF, age: 68, sex: 'female', maritalStatus: 'widowed', receivesOtherAllowance: false }],
    ['আমার বয়স ৬৮, স্বামী নাই, কোনো ভাতা পাই না', { ...SELF, age: 68, sex: 'female', maritalStatus: 'widowed', receivesOtherAllowance: false }],
    ['sami mara gese', { ...SELF, sex: 'female', maritalStatus: 'widowed' }],
    ['bidhoba', { sex: 'female', maritalStatus: 'widowed' }],
    ['ma er boyos 72', { ...MOTHER, age: 72 }],
    [
      'আমার ছেলে জন্ম থেকে প্রতিবন্ধী, বয়স ১৪, স্কুলে পড়ে। সুবর্ণ কার্ড আছে।',
      { subject: 'other', relation: 'son', sex: 'male', hasDisability: true, age: 14, isStudent: true, hasSubornoCard: true },
    ],
    ['বয়স ৭১, পুরুষ, বউ নাই', { ...SELF, age: 71, sex: 'male', maritalStatus: 'widowed' }],
  ])('%j', (text, expected) => {
    expect(facts(text)).toEqual(expected);
  });
});

describe('extractFacts: tracking number and language', () => {
  it.each<[string, string | undefined]>([
    ['আমার অভিযোগ ৬৭৩ ১৬৪ ১৫৩ এর কি খবর', '673164153'],
    ['482-173-908', '482173908'],
    ['৪৮২১৭৩৯০৮ এর কী হলো', '482173908'],
    ['বয়স ৬৭ ৪৮২ ১৭৩ ৯০৮', '482173908'],
    // A valid one is preferred over an invalid nine-digit group.
    ['673 164 153 না, 482 173 908', '482173908'],
    ['call 01712345678', undefined],
    ['০১৭১২-৩৪৫৬৭৮', undefined],
    ['NID 1234567890123', undefined],
    ['মাসে ৬০০০ টাকা', undefined],
  ])('%j → %s', (text, tracking) => {
    expect(extractFacts(text).trackingNumber).toBe(tracking);
  });

  it.each<[string, 'bn' | 'en']>([
    ['hi', 'en'],
    ['hello, I need help', 'en'],
    ['amar ma', 'bn'],
    ['আমার মা', 'bn'],
    ['kono bhata pai na', 'bn'],
    ['My mother is 72 years old', 'en'],
    ['১২৩৪', 'bn'],
    ['tnx bhai', 'bn'],
    ['', 'bn'],
  ])('%j → %s', (text, language) => {
    expect(extractFacts(text).language).toBe(language);
  });
});

describe('extractFacts: contract', () => {
  it('always returns facts the schema accepts', () => {
    for (const text of ['আমার মায়ের বয়স ৭২', 'amar boyos 250', 'বয়স -৫', 'মাসে ১০০০০০০০০০০ টাকা', '৳', '🙏', 'a'.repeat(500)]) {
      expect(StatedFactsSchema.safeParse(extractFacts(text).facts).success).toBe(true);
    }
  });

  it('is deterministic', () => {
    const text = 'মায়ের নিজের কোনো আয় নাই, আমি দিনমজুর, মাসে ৬০০০ টাকা কামাই';
    expect(extractFacts(text)).toEqual(extractFacts(text));
  });

  it('reads 4,000 characters of repeated stories, names and numbers in linear time', () => {
    const story = 'আমার মায়ের বয়স ৭২, বাবা মারা গেছেন, কোনো ভাতা পান না, আমি মাসে ৬০০০ টাকা কামাই। ';
    const inputs = [story, 'মা ', 'ভাতা পাই না ', 'এক মা ', '১২৩ ', '1,000,', 'a widow ', 'does a '].map((s) => s.repeat(Math.ceil(4000 / s.length)).slice(0, 4000));
    const time = (text: string): number => {
      const t = performance.now();
      extractFacts(text);
      return performance.now() - t;
    };
    for (const text of inputs) {
      time(text);
      // Generous for a slow machine; the quadratic versions took seconds.
      expect(time(text)).toBeLessThan(500);
      expect(time(text.repeat(4))).toBeLessThan(2000);
    }
  });
});
