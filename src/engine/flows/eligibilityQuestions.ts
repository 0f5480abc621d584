import type { Profile, ProfileField } from '../../domain/programmes/profile.ts';
import type { Choice } from '../types.ts';

/**
 * How each profile field is asked and how an answer is read.
 * `choice` options carry the profile value they set and extra words people
 * type for them (labels themselves always match, in both languages).
 */
export type Question =
  | { field: ProfileField; kind: 'age' }
  | { field: ProfileField; kind: 'income' }
  | { field: ProfileField; kind: 'yesno' }
  | { field: ProfileField; kind: 'choice'; options: ChoiceOption[] };

export interface ChoiceOption {
  id: string;
  value: Profile[ProfileField];
  synonyms: string[];
}

const opt = (id: string, value: Profile[ProfileField], synonyms: string[] = []): ChoiceOption => ({ id, value, synonyms });

export const QUESTIONS: Record<ProfileField, Question> = {
  subject: {
    field: 'subject',
    kind: 'choice',
    options: [
      opt('subj.self', 'self', ['আমি', 'নিজে', 'নিজের', 'me', 'myself', 'ami', 'nije']),
      opt('subj.other', 'other', ['অন্য', 'মা', 'বাবা', 'আম্মা', 'আব্বা', 'mother', 'father', 'someone', 'ma', 'baba', 'onno']),
    ],
  },
  age: { field: 'age', kind: 'age' },
  sex: {
    field: 'sex',
    kind: 'choice',
    options: [
      opt('sex.male', 'male', ['পুরুষ', 'ছেলে', 'man', 'm', 'purush', 'চাচা', 'দাদা', 'নানা']),
      opt('sex.female', 'female', ['মহিলা', 'নারী', 'মেয়ে', 'woman', 'f', 'mohila', 'nari', 'খালা', 'দাদি', 'নানি']),
      opt('sex.hijra', 'hijra', ['হিজড়া', 'হিজরা', 'তৃতীয় লিঙ্গ', 'third gender', 'transgender', 'hijra']),
    ],
  },
  maritalStatus: {
    field: 'maritalStatus',
    kind: 'choice',
    options: [
      opt('ms.married', 'married', ['বিবাহিত', 'বিবাহিতা', 'married', 'biboahito']),
      opt('ms.widowed', 'widowed', ['বিধবা', 'স্বামী মারা গেছে', 'স্বামী মৃত', 'widow', 'bidhoba']),
      opt('ms.deserted', 'deserted', ['তালাক', 'তালাকপ্রাপ্ত', 'পরিত্যক্তা', 'স্বামী নিগৃহীতা', 'divorced', 'deserted', 'separated', 'talak']),
      opt('ms.never', 'never_married', ['অবিবাহিত', 'অবিবাহিতা', 'single', 'unmarried', 'obibahito']),
    ],
  },
  hasDisability: { field: 'hasDisability', kind: 'yesno' },
  hasSubornoCard: { field: 'hasSubornoCard', kind: 'yesno' },
  isStudent: { field: 'isStudent', kind: 'yesno' },
  educationLevel: {
    field: 'educationLevel',
    kind: 'choice',
    options: [
      opt('edu.primary', 'primary', ['প্রাথমিক', 'primary', 'class 1', 'class 5']),
      opt('edu.secondary', 'secondary', ['মাধ্যমিক', 'secondary', 'ssc', 'high school']),
      opt('edu.hsc', 'higher_secondary', ['উচ্চ মাধ্যমিক', 'hsc', 'college', 'কলেজ']),
      opt('edu.higher', 'higher', ['স্নাতক', 'বিশ্ববিদ্যালয়', 'university', 'degree', 'honours', 'masters']),
    ],
  },
  illness: {
    field: 'illness',
    kind: 'choice',
    options: [
      opt('ill.cancer', 'cancer', ['ক্যান্সার', 'cancer']),
      opt('ill.kidney', 'kidney', ['কিডনি', 'কিডনী', 'kidney']),
      opt('ill.liver', 'liver_cirrhosis', ['লিভার', 'সিরোসিস', 'liver', 'cirrhosis']),
      opt('ill.stroke', 'stroke_paralysis', ['স্ট্রোক', 'প্যারালাইসিস', 'পক্ষাঘাত', 'stroke', 'paralysis', 'paralysed']),
      opt('ill.heart', 'congenital_heart', ['হৃদরোগ', 'হার্ট', 'heart']),
      opt('ill.thal', 'thalassaemia', ['থ্যালাসেমিয়া', 'thalassaemia', 'thalassemia']),
      opt('ill.none', 'none', ['কোনটিই না', 'কোনোটি না', 'নেই', 'নাই', 'না', 'none', 'no', 'nai', 'na']),
    ],
  },
  community: {
    field: 'community',
    kind: 'choice',
    options: [
      opt('com.bede', 'bede', ['বেদে', 'bede', 'beday']),
      opt('com.backward', 'backward', ['অনগ্রসর', 'দলিত', 'হরিজন', 'backward', 'dalit']),
      opt('com.none', 'none', ['কোনটিই না', 'না', 'নেই', 'none', 'no', 'na']),
    ],
  },
  annualIncome: { field: 'annualIncome', kind: 'income' },
  govtServiceOrPension: { field: 'govtServiceOrPension', kind: 'yesno' },
  receivesOtherAllowance: { field: 'receivesOtherAllowance', kind: 'yesno' },
  permanentResident: { field: 'permanentResident', kind: 'yesno' },
};

export const YES_NO_CHOICES: Choice[] = [
  { id: 'yes', key: 'common:choice.yes' },
  { id: 'no', key: 'common:choice.no' },
];

export const PERIOD_CHOICES: Choice[] = [
  { id: 'period.month', key: 'eligibility:choice.period.month' },
  { id: 'period.year', key: 'eligibility:choice.period.year' },
];

/** The buttons for a question; labels live in locales under `eligibility:choice.<id>`. */
export function choicesFor(question: Question): Choice[] {
  if (question.kind === 'yesno') return YES_NO_CHOICES;
  if (question.kind === 'choice') return question.options.map((o) => ({ id: o.id, key: `eligibility:choice.${o.id}` }));
  return [];
}
