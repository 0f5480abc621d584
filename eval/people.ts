import type { Profile } from '../src/domain/programmes/profile.ts';

/**
 * Scripted people for `npm run eval:people`: each opens with what such a
 * person would write first, then answers whatever Setu asks from the truth
 * of their situation, in their own language. Counted: messages from the
 * story to the answer, and whether the answer is right.
 */
export interface EligibilityPerson {
  kind: 'eligibility';
  name: string;
  lang: 'bn' | 'en';
  /** The first message, as typed. */
  story: string;
  /** The whole truth about the person asked about (what Setu may ask). */
  truth: Required<Pick<Profile, 'subject' | 'age' | 'sex' | 'maritalStatus' | 'hasDisability' | 'annualIncome'>> & Partial<Profile>;
  /** Programmes that must come out likely eligible; others must not. */
  likely: string[];
}

export interface TaskPerson {
  kind: 'task';
  name: string;
  lang: 'bn' | 'en';
  story: string;
  /** What the first reply must open: the grievance form, a status answer, a way to a person… */
  opens: 'grievance' | 'status' | 'human' | 'report';
}

export type Person = EligibilityPerson | TaskPerson;

const none = { hasSubornoCard: false, isStudent: false, illness: 'none', community: 'none', govtServiceOrPension: false, receivesOtherAllowance: false, permanentResident: true } as const;

export const PEOPLE: Person[] = [
  { kind: 'eligibility', name: 'son for his widowed mother', lang: 'bn', story: 'আমার মা ৭২ বছর, বাবা মারা গেছেন, মা কোনো ভাতা পান না, আমরা গরিব', truth: { ...none, subject: 'other', age: 72, sex: 'female', maritalStatus: 'widowed', hasDisability: false, annualIncome: 0 }, likely: ['old_age', 'widow'] },
  { kind: 'eligibility', name: 'widow in Banglish', lang: 'bn', story: 'amar boyosh 68, sami nai, kono bhata pai na', truth: { ...none, subject: 'self', age: 68, sex: 'female', maritalStatus: 'widowed', hasDisability: false, annualIncome: 0 }, likely: ['old_age', 'widow'] },
  { kind: 'eligibility', name: 'son the day labourer', lang: 'bn', story: 'আমার মায়ের বয়স ৭০। মায়ের নিজের কোনো আয় নাই, আমি দিনমজুর, মাসে ৬০০০ টাকা কামাই', truth: { ...none, subject: 'other', age: 70, sex: 'female', maritalStatus: 'married', hasDisability: false, annualIncome: 0 }, likely: ['old_age'] },
  { kind: 'eligibility', name: 'widow of 45', lang: 'bn', story: 'আমি বিধবা, বয়স ৪৫, কোনো আয় নাই', truth: { ...none, subject: 'self', age: 45, sex: 'female', maritalStatus: 'widowed', hasDisability: false, annualIncome: 0 }, likely: ['widow'] },
  { kind: 'eligibility', name: 'old man, married', lang: 'bn', story: 'আমার বয়স ৬৮, আমি পুরুষ, বউ আছে, মাসে ৫০০ টাকা আয়', truth: { ...none, subject: 'self', age: 68, sex: 'male', maritalStatus: 'married', hasDisability: false, annualIncome: 6000 }, likely: ['old_age'] },
  { kind: 'eligibility', name: 'English speaker for his mother', lang: 'en', story: 'My mother is 75, my father died, she has no income', truth: { ...none, subject: 'other', age: 75, sex: 'female', maritalStatus: 'widowed', hasDisability: false, annualIncome: 0 }, likely: ['old_age', 'widow'] },
  { kind: 'eligibility', name: 'English widow', lang: 'en', story: 'I am a widow, 66 years old, no income and no allowance', truth: { ...none, subject: 'self', age: 66, sex: 'female', maritalStatus: 'widowed', hasDisability: false, annualIncome: 0 }, likely: ['old_age', 'widow'] },
  { kind: 'eligibility', name: 'disabled youth with a card', lang: 'bn', story: 'আমি প্রতিবন্ধী, বয়স ২২, সুবর্ণ কার্ড আছে, কোনো আয় নাই', truth: { ...none, subject: 'self', age: 22, sex: 'male', maritalStatus: 'never_married', hasDisability: true, hasSubornoCard: true, annualIncome: 0 }, likely: ['disability'] },
  { kind: 'eligibility', name: 'disabled youth without a card', lang: 'bn', story: 'ami protibondhi, boyos 19, suborno card nai', truth: { ...none, subject: 'self', age: 19, sex: 'male', maritalStatus: 'never_married', hasDisability: true, hasSubornoCard: false, annualIncome: 0 }, likely: [] },
  { kind: 'eligibility', name: 'disabled student', lang: 'en', story: 'My son is 14, he is disabled and goes to school, he has a Suborno card', truth: { ...none, subject: 'other', age: 14, sex: 'male', maritalStatus: 'never_married', hasDisability: true, hasSubornoCard: true, isStudent: true, educationLevel: 'secondary', annualIncome: 0 }, likely: ['disability', 'disability_stipend'] },
  { kind: 'eligibility', name: 'government pensioner', lang: 'bn', story: 'আমার বয়স ৭২, সরকারি পেনশন পাই', truth: { ...none, subject: 'self', age: 72, sex: 'male', maritalStatus: 'married', hasDisability: false, govtServiceOrPension: true, annualIncome: 9000 }, likely: [] },
  { kind: 'eligibility', name: 'too young for old age', lang: 'en', story: 'I am 60 years old man, can I get old age allowance?', truth: { ...none, subject: 'self', age: 60, sex: 'male', maritalStatus: 'married', hasDisability: false, annualIncome: 0 }, likely: [] },
  { kind: 'eligibility', name: 'deserted woman', lang: 'bn', story: 'স্বামী আমাকে ছেড়ে চলে গেছে ৩ বছর আগে, আমার বয়স ৩৮, কোনো আয় নেই', truth: { ...none, subject: 'self', age: 38, sex: 'female', maritalStatus: 'deserted', hasDisability: false, annualIncome: 0 }, likely: ['widow'] },
  { kind: 'eligibility', name: 'cancer patient’s daughter', lang: 'bn', story: 'আমার বাবার ক্যান্সার, বয়স ৫৫, আয় নাই', truth: { ...none, subject: 'other', age: 55, sex: 'male', maritalStatus: 'married', hasDisability: false, illness: 'cancer', annualIncome: 0 }, likely: ['patient_assistance'] },
  { kind: 'eligibility', name: 'grandmother in Banglish', lang: 'bn', story: 'amar nanir boyos 80, nanar mrittu hoyeche, kono aay nai', truth: { ...none, subject: 'other', age: 80, sex: 'female', maritalStatus: 'widowed', hasDisability: false, annualIncome: 0 }, likely: ['old_age', 'widow'] },
  { kind: 'eligibility', name: 'a plain question first', lang: 'bn', story: 'আমি কি বয়স্ক ভাতা পাব?', truth: { ...none, subject: 'self', age: 70, sex: 'male', maritalStatus: 'married', hasDisability: false, annualIncome: 0 }, likely: ['old_age'] },
  { kind: 'eligibility', name: 'widower', lang: 'en', story: 'my wife passed away, I am 67 and earn nothing', truth: { ...none, subject: 'self', age: 67, sex: 'male', maritalStatus: 'widowed', hasDisability: false, annualIncome: 0 }, likely: ['old_age'] },
  { kind: 'eligibility', name: 'hijra elder', lang: 'bn', story: 'আমি হিজড়া, বয়স ৫৫, কোনো আয় নেই', truth: { ...none, subject: 'self', age: 55, sex: 'hijra', maritalStatus: 'never_married', hasDisability: false, annualIncome: 0 }, likely: ['hijra'] },
  { kind: 'task', name: 'money not received', lang: 'bn', story: '৩ মাস ধরে বয়স্ক ভাতার টাকা আসে নাই', opens: 'grievance' },
  { kind: 'task', name: 'bribe demanded', lang: 'bn', story: 'মেম্বার ভাতার কার্ড করে দিতে ২০০০ টাকা ঘুষ চাইছে, আমরা গরিব মানুষ, কী করব', opens: 'grievance' },
  { kind: 'task', name: 'status in a sentence', lang: 'bn', story: 'আমার অভিযোগ ৬৭৩ ১৬৪ ১৫৩ এর কি খবর', opens: 'status' },
  { kind: 'task', name: 'wants a person', lang: 'bn', story: 'মানুষের সাথে কথা বলতে চাই', opens: 'human' },
  { kind: 'task', name: 'wants a human, English', lang: 'en', story: 'I want to talk to a human', opens: 'human' },
  { kind: 'task', name: 'journalist', lang: 'bn', story: 'আমাদের গ্রামের এক বৃদ্ধা ভাতা পান না, তালিকায় নাম নেই, আমি খবর দিতে চাই', opens: 'report' },
];
