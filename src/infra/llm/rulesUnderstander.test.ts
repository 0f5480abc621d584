import { describe, expect, it } from 'vitest';
import type { Understanding } from '../../engine/understanding.ts';
import { INTENT_KEYWORDS, PROGRAMME_KEYWORDS } from './intentKeywords.ts';
import { createRulesUnderstander } from './rulesUnderstander.ts';

const understander = createRulesUnderstander();
const understand = (text: string): Promise<Understanding> => understander.understand(text);
/** What these tables pin: intent, confidence, programme and subject (facts have their own tests). */
const core = async (text: string): Promise<Understanding> => {
  const { intent, confidence, programme, subject } = await understand(text);
  return { intent, confidence, ...(programme === undefined ? {} : { programme }), ...(subject === undefined ? {} : { subject }) };
};

type Case = [text: string, expected: Understanding];

const hit = (intent: Understanding['intent'], extra: Omit<Understanding, 'intent' | 'confidence'> = {}): Understanding => ({
  intent,
  confidence: 1,
  ...extra,
});

const CASES: Case[] = [
  // Eligibility, about someone else, in all three ways of writing.
  ['আমার মা কি বয়স্ক ভাতা পাবে?', hit('eligibility', { programme: 'old_age', subject: 'other' })],
  ['amar baba ki boyosko vata pabe', hit('eligibility', { programme: 'old_age', subject: 'other' })],
  ['Is my mother eligible for old age allowance?', hit('eligibility', { programme: 'old_age', subject: 'other' })],
  ['আমার মায়ের বয়স্ক ভাতার জন্য কী লাগবে', hit('eligibility', { programme: 'old_age', subject: 'other' })],
  ['আব্বা কি ভাতা পাবেন?', hit('eligibility', { subject: 'other' })],
  ['uni ki vata paben', hit('eligibility', { subject: 'other' })],
  ['my wife is disabled, can she apply?', hit('eligibility', { programme: 'disability', subject: 'other' })],
  ['আমার ভাই প্রতিবন্ধী, ভাতা পাবে?', hit('eligibility', { programme: 'disability', subject: 'other' })],
  ['আমার ভাইয়ের জন্য প্রতিবন্ধী ভাতা', hit('eligibility', { programme: 'disability', subject: 'other' })],
  ['প্রতিবেশী এক বিধবা মহিলা আছেন, উনি কি ভাতা পাবেন', hit('eligibility', { programme: 'widow', subject: 'other' })],
  // Eligibility, about the writer.
  ['আমি কি বিধবা ভাতা পাবো?', hit('eligibility', { programme: 'widow', subject: 'self' })],
  ['ami ki vata pabo', hit('eligibility', { subject: 'self' })],
  ['Can I apply for the disability allowance?', hit('eligibility', { programme: 'disability', subject: 'self' })],
  // "ভাই" addressing the reader is not a brother.
  ['ভাই, আমি কি ভাতা পাবো?', hit('eligibility', { subject: 'self' })],
  // A widow speaking of her late husband speaks of herself.
  ['আমার স্বামী মারা গেছে, ভাতা পাবো?', hit('eligibility', { programme: 'widow', subject: 'self' })],
  ['আমার ছেলে মেয়ে নেই, বয়স্ক ভাতা পাবো?', hit('eligibility', { programme: 'old_age', subject: 'self' })],
  // A vague "অবস্থা" (situation) does not turn the question into a status check.
  ['আমার অবস্থা খুব খারাপ, কোনো ভাতা পাবো?', hit('eligibility', { subject: 'self' })],
  // A programme named without a request asks about it.
  ['বিধবা', hit('eligibility', { programme: 'widow' })],
  // An allowance named and nothing else may be a question or a complaint: unsure, so the engine asks which.
  ['হিজড়া ভাতা', { ...hit('eligibility', { programme: 'hijra' }), confidence: 0.5 }],
  ['বেদে সম্প্রদায়ের ভাতা', { ...hit('eligibility', { programme: 'bede' }), confidence: 0.5 }],
  ['ভাতা', { ...hit('eligibility'), confidence: 0.5 }],
  ['হিজড়া ভাতা পাব?', hit('eligibility', { programme: 'hijra' })],
  ['অনগ্রসর জনগোষ্ঠী', hit('eligibility', { programme: 'bede' })],
  ['ক্যান্সার রোগীর চিকিৎসা সহায়তা', hit('eligibility', { programme: 'patient_assistance' })],
  ['kidney rogi', hit('eligibility', { programme: 'patient_assistance' })],
  ['প্রতিবন্ধী ছাত্রের উপবৃত্তি', hit('eligibility', { programme: 'disability_stipend' })],
  ['stipend for my disabled son', hit('eligibility', { programme: 'disability_stipend', subject: 'other' })],
  ['হ্যালো, বয়স্ক ভাতা', hit('eligibility', { programme: 'old_age' })],
  // Two unrelated programmes: none is guessed.
  ['বিধবা ও বয়স্ক ভাতা দুটোই', hit('eligibility')],
  // Grievances win over the allowance they are about.
  ['চেয়ারম্যান ভাতার জন্য টাকা চায়', hit('grievance')],
  ['ভাতা পাইনি, অভিযোগ', hit('grievance')],
  ['মেম্বার ঘুষ চাইছে', hit('grievance')],
  ['আমার মায়ের ভাতাটা বন্ধ হয়ে গেছে', hit('grievance', { subject: 'other' })],
  ['তিন মাস ধরে বয়স্ক ভাতার টাকা পাই নাই', hit('grievance', { programme: 'old_age' })],
  ['taka pai nai', hit('grievance')],
  ['ovijog korbo', hit('grievance')],
  ['I want to make a complaint', hit('grievance', { subject: 'self' })],
  ['The officer asked for money to put my name on the list', hit('grievance', { subject: 'self' })],
  // Reports of people left out.
  ['আমার নাম তালিকায় নেই', hit('report', { subject: 'self' })],
  ['আমাদের গ্রামের অনেকে বাদ পড়েছে', hit('report')],
  ['amar nam talikay nai', hit('report', { subject: 'self' })],
  ['I want to report someone left out', hit('report', { subject: 'self' })],
  // Status: a complaint word with a status word asks after a complaint already made.
  ['অভিযোগের অবস্থা', hit('status')],
  ['আমার অভিযোগের কি হলো', hit('status', { subject: 'self' })],
  ['What happened to my complaint?', hit('status', { subject: 'self' })],
  ['status of my complaint', hit('status', { subject: 'self' })],
  ['ট্র্যাকিং নম্বর দিয়ে দেখতে চাই', hit('status')],
  // Help, language, greetings.
  ['সাহায্য', hit('help')],
  ['help', hit('help')],
  ['আপনি কী করতে পারেন?', hit('help')],
  ['English', hit('language')],
  ['ভাষা বদলাতে চাই', hit('language')],
  ['আসসালামু আলাইকুম', hit('greeting')],
  ['Assalamualaikum', hit('greeting')],
  ['salam', hit('greeting')],
  ['নমস্কার', hit('greeting')],
  ['Hi', hit('greeting')],
  ['hello', hit('greeting')],
  // Nothing to go on.
  ['asdfgh', { intent: null, confidence: 0 }],
  ['', { intent: null, confidence: 0 }],
  ['১২৩৪', { intent: null, confidence: 0 }],
  ['আমার মাসে আয় কম', { intent: null, confidence: 0, subject: 'self' }],
  ['ঠিক আছে', { intent: null, confidence: 0 }],
];

describe('rules understander', () => {
  it.each(CASES)('%j', async (text, expected) => {
    expect(await core(text)).toEqual(expected);
  });

  it('has a table of at least thirty sentences', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });
});

describe('rules understander: Bangla endings', () => {
  it.each([
    ['ভাতার', 'eligibility'],
    ['ভাতাটা', 'eligibility'],
    ['অভিযোগের', 'grievance'],
    ['বয়স্কদের', 'eligibility'],
  ] as const)('%j still names its keyword', async (text, intent) => {
    expect((await understand(text)).intent).toBe(intent);
  });

  it.each([
    // "মা" must not fire inside "মাসে", "মারা" or "মানুষ".
    ['মাসে পাঁচশো টাকা পাই', undefined],
    ['গরিব মানুষ', undefined],
    ['মায়ের', 'other'],
    ['মাকে নিয়ে এসেছি', 'other'],
  ] as const)('%j → subject %s', async (text, subject) => {
    expect((await understand(text)).subject).toBe(subject);
  });
});

describe('rules understander: keyword tables', () => {
  it('lists every intent once, in priority order', () => {
    expect(INTENT_KEYWORDS.map((k) => k.intent)).toEqual(['grievance', 'report', 'human', 'status', 'eligibility', 'help', 'language', 'thanks', 'greeting']);
  });

  it('lists every programme once', () => {
    expect(PROGRAMME_KEYWORDS.map((k) => k.programme).sort()).toEqual(
      ['bede', 'disability', 'disability_stipend', 'hijra', 'old_age', 'patient_assistance', 'widow'].sort(),
    );
  });

  it('finds each of its own keywords', async () => {
    for (const { intent, keywords } of INTENT_KEYWORDS) {
      for (const keyword of keywords) expect({ keyword, intent: (await understand(keyword)).intent }).toEqual({ keyword, intent });
    }
    for (const { programme, keywords } of PROGRAMME_KEYWORDS) {
      for (const keyword of keywords) expect({ keyword, programme: (await understand(keyword)).programme }).toEqual({ keyword, programme });
    }
  });
});

describe('rules understander: stories, payments, numbers, people, thanks', () => {
  it.each([
    // A story of one's own or a relative's situation asks whether one qualifies, even with "ভাতা পাই না" in it.
    ['আমার বয়স ৬৮, স্বামী নাই, কোনো ভাতা পাই না', 'eligibility'],
    ['amar boyosh 68, sami nai, kono bhata pai na', 'eligibility'],
    ['ma er boyos 72, baba mara gechen, ma kono vata pay na', 'eligibility'],
    ['I am 68, my husband died last year and I get no allowance', 'eligibility'],
    ['হ্যালো, আমার মায়ের বয়স ৭২, বাবা মারা গেছেন', 'eligibility'],
    // Money that did not come is a complaint.
    ['৩ মাস ধরে বয়স্ক ভাতার টাকা আসে নাই', 'grievance'],
    ['amar mayer vatar taka 6 mash dhore ase na', 'grievance'],
    ['The allowance money has not come for 4 months', 'grievance'],
    ['বয়স্ক ভাতা ১ বছর ধরে পাচ্ছি না', 'grievance'],
    ['আমার বয়স ৭০, কার্ড আছে, কিন্তু গত দুই কিস্তির টাকা পাইনি', 'grievance'],
    // A bribe named in a plea.
    ['চেয়ারম্যান ২০০০ টাকা ঘুষ চাইছে ভাতার কার্ড করে দেওয়ার জন্য', 'grievance'],
    ['বয়স্ক ভাতা পাই না, মেম্বার ঘুষ চায়', 'grievance'],
    ['মেম্বার বলে ৫ হাজার টাকা দিলে নাম তুলে দিবে', 'grievance'],
    // A tracking number in a question asks after that complaint.
    ['আমার অভিযোগ ৬৭৩ ১৬৪ ১৫৩ এর কি খবর', 'status'],
    ['My tracking number is 852-531-331, any update?', 'status'],
    ['৩০৬০৯৭৩৯৮', 'status'],
    ['অভিযোগের কি খবর?', 'status'],
    ['অভিযোগ দিয়েছিলাম, এখনো কিছু হলো না', 'status'],
    // Wanting a person.
    ['মানুষের সাথে কথা বলতে চাই', 'human'],
    ['talk to a human', 'human'],
    ['অফিসারের নাম্বার দেন', 'human'],
    ['কারো সাথে কথা বলব', 'human'],
    ['officer er number ta den', 'human'],
    ['আমার অভিযোগ নিয়ে কারো সাথে কথা বলতে চাই', 'human'],
    // Thanks and goodbyes.
    ['ধন্যবাদ', 'thanks'],
    ['thank you', 'thanks'],
    ['thanks', 'thanks'],
    ['dhonnobad', 'thanks'],
    ['🙏', 'thanks'],
    ['👍👍', 'thanks'],
    ['Thanks a lot for the help', 'thanks'],
    ['আল্লাহ হাফেজ', 'thanks'],
    // Greetings that look like other things.
    ['কি খবর ভাই', 'greeting'],
    ['kemon achen', 'greeting'],
    // Left off a list, said any way round.
    ['তালিকায় আমার মায়ের নাম নেই', 'report'],
    ['বাংলায় লেখেন, ইংরেজি বুঝি না', 'language'],
  ] as const)('%j → %s', async (text, intent) => {
    expect((await understand(text)).intent).toBe(intent);
  });

  it('returns the facts, the tracking number, the language and its source', async () => {
    expect(await understand('মায়ের নিজের কোনো আয় নাই, আমি দিনমজুর, মাসে ৬০০০ টাকা কামাই। মা কি ভাতা পাবে?')).toEqual({
      intent: 'eligibility',
      confidence: 1,
      subject: 'other',
      facts: {
        subject: 'other',
        relation: 'mother',
        sex: 'female',
        income: { amount: 0, period: 'month', whose: 'subject' },
        otherIncomes: [{ amount: 6000, period: 'month', whose: 'writer' }],
      },
      language: 'bn',
      source: 'rules',
    });
    expect(await understand('আমার অভিযোগ ৬৭৩ ১৬৪ ১৫৩ এর কি খবর')).toMatchObject({ intent: 'status', trackingNumber: '673164153', language: 'bn' });
    expect(await understand('hello, I need help')).toMatchObject({ intent: 'help', language: 'en', source: 'rules' });
    expect(await understand('')).toEqual({ intent: null, confidence: 0, facts: {}, language: 'bn', source: 'rules' });
  });

  it('the subject agrees with the facts', async () => {
    for (const text of ['আমার স্বামী প্রতিবন্ধী, চোখে দেখেন না', 'আমার স্বামী মারা গেছে, ভাতা পাবো?', 'my neighbour is 82 and still excluded']) {
      const u = await understand(text);
      expect(u.subject).toBe(u.facts?.subject);
    }
  });
});
