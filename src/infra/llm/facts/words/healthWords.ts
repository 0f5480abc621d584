import type { Illness } from '../../../../domain/programmes/profile.ts';

/*
 * Disability, illness, the Suborno card and study, as people describe them:
 * the condition's name, or what the person cannot do ("চোখে দেখে না").
 * Phrases that already carry their negation ("হাঁটতে পারে না") say the fact.
 */

export const DISABILITY: readonly string[] = [
  'প্রতিবন্ধী', 'প্রতিবন্ধি', 'প্রতিবন্ধিতা', 'প্রতিবন্ধিত্ব', 'বুদ্ধিপ্রতিবন্ধী', 'দৃষ্টিপ্রতিবন্ধী', 'শারীরিক প্রতিবন্ধী', 'অটিজম', 'অটিস্টিক', 'অন্ধ', 'বোবা', 'বধির', 'পঙ্গু', 'লুলা', 'ল্যাংড়া',
  'চোখে দেখে না', 'চোখে দেখেনা', 'চোখে দেখেন না', 'চোখে দেখি না', 'চোখে দেখতে পায় না', 'চোখে দেখতে পারে না', 'দৃষ্টিহীন',
  'কানে শোনে না', 'কানে শুনে না', 'কানে শোনেন না', 'কানে শুনতে পায় না', 'কথা বলতে পারে না', 'কথা বলতে পারেন না',
  'হাঁটতে পারে না', 'হাঁটতে পারেন না', 'হাঁটতে পারি না', 'হাটতে পারে না', 'হাটতে পারি না', 'হাঁটতে পারেনা', 'চলাফেরা করতে পারে না',
  'হুইলচেয়ার', 'সেরিব্রাল পালসি', 'ডাউন সিনড্রোম',
  'protibondhi', 'protibondi', 'pratibandhi', 'protibandhi', 'prothibondhi', 'autism', 'autistic', 'ondho', 'andho', 'boba', 'pongu',
  'chokhe dekhe na', 'chokhe dekhena', 'chokhe dekhi na', 'chokhe dekhen na', 'kane shone na', 'kane sune na', 'kane shune na',
  'kotha bolte pare na', 'hatte pare na', 'hatte pari na', 'hate pare na', 'hante pare na', 'wheelchair', 'hoilchair',
  'disabled', 'disability', 'handicapped', 'blind', 'deaf', 'mute', 'dumb', 'cannot walk', 'cant walk', 'can not walk',
  'unable to walk', 'visually impaired', 'hearing impaired', 'visual impairment', 'hearing impairment', 'wheel chair', 'hoil chair', 'amputated', 'amputee', 'cerebral palsy', 'down syndrome',
];

/** Missing limbs, matched exactly: "পা নাই" is "has no leg", but "পাই নাই" is "did not get". */
export const NO_LIMB: readonly string[] = [
  'পা নেই', 'পা নাই', 'হাত নেই', 'হাত নাই', 'পা কাটা', 'হাত কাটা', 'পা কেটে', 'হাত কেটে', 'এক পা নেই', 'এক পা নাই',
  'pa nai', 'pa nei', 'hat nai', 'hat nei', 'pa kete', 'hat kete', 'pa kata', 'hat kata',
];

/** The name of a programme after a condition: "প্রতিবন্ধী ভাতা" names the allowance, it does not describe anyone. */
export const PROGRAMME_NOUNS: readonly string[] = [
  'ভাতা', 'ভাতার', 'উপবৃত্তি', 'কার্ড', 'allowance', 'stipend', 'card', 'scholarship', 'vata', 'bhata', 'bhatta', 'vatta', 'upobritti',
];

export const SUBORNO: readonly string[] = [
  'সুবর্ণ কার্ড', 'সুবর্ণ নাগরিক কার্ড', 'সুবর্ন কার্ড', 'সুবর্ণ', 'প্রতিবন্ধী কার্ড', 'প্রতিবন্ধী পরিচয়পত্র',
  'suborno card', 'suborno', 'subarna card', 'shuborno card', 'subornocard', 'protibondhi card', 'disability card', 'disability id',
];

export const STUDENT: readonly string[] = [
  'ছাত্র', 'ছাত্রী', 'শিক্ষার্থী', 'স্কুলে পড়ে', 'স্কুলে পড়ি', 'স্কুলে পড়েন', 'কলেজে পড়ে', 'কলেজে পড়ি', 'মাদ্রাসায় পড়ে', 'মাদ্রাসায় পড়ি',
  'বিশ্ববিদ্যালয়ে পড়ে', 'বিশ্ববিদ্যালয়ে পড়ি', 'ভার্সিটিতে পড়ে', 'পড়াশোনা করে', 'পড়াশুনা করে', 'পড়ালেখা করে', 'লেখাপড়া করে', 'পড়াশোনা করি',
  'স্কুলে যায়', 'স্কুলে যাই',
  'chatro', 'chatri', 'chhatro', 'school e pore', 'school e pori', 'school a pore', 'college e pore', 'college e pori', 'madrasay pore',
  'varsity te pore', 'university te pore', 'universitite pore', 'porashona kore', 'porashona kori', 'lekhapora kore', 'school e jay',
  'student', 'studying', 'studies', 'i study', 'study at', 'study in', 'studies at', 'studies in', 'goes to school', 'go to school', 'in school', 'at school', 'at university', 'in college', 'at college',
];

/** Said of someone who does not study, the negation already inside. */
export const NOT_STUDENT: readonly string[] = [
  'স্কুলে দিতে পারি নাই', 'স্কুলে দিতে পারিনি', 'স্কুলে পাঠাতে পারি না', 'পড়াশোনা ছেড়ে দিয়েছে', 'পড়া বন্ধ', 'পড়ালেখা বন্ধ',
  'school e dite pari nai', 'porashona bondho', 'porashona chere diyeche', 'left school', 'dropped out', 'not in school', 'out of school',
];

/** "ক্লাস সেভেনে পড়ে", "class 6 e pore": a class, then within a few words the verb "reads". */
export const CLASS_WORDS: readonly string[] = ['ক্লাস', 'শ্রেণী', 'শ্রেণি', 'class'];
export const STUDY_VERBS: readonly string[] = ['পড়ে', 'পড়ি', 'পড়েন', 'পড়ছে', 'pore', 'pori', 'poren', 'porche'];

export const ILLNESSES: ReadonlyArray<readonly [string, Illness]> = [
  ...['ক্যান্সার', 'ক্যানসার', 'ক্যান্সারে', 'cancer', 'cancar', 'kenser', 'kanser', 'cancer er'].map((w) => [w, 'cancer'] as const),
  ...['কিডনি', 'কিডনী', 'ডায়ালাইসিস', 'ডায়ালাইসিস', 'kidney', 'kidni', 'kideny', 'dialysis', 'dialisis'].map((w) => [w, 'kidney'] as const),
  ...['লিভার সিরোসিস', 'সিরোসিস', 'liver cirrhosis', 'cirrhosis', 'sirosis', 'liver sirosis'].map((w) => [w, 'liver_cirrhosis'] as const),
  ...['স্ট্রোক', 'প্যারালাইসিস', 'প্যারালাইজড', 'পক্ষাঘাত', 'paralysis', 'paralysed', 'paralyzed', 'stroke', 'strok', 'istrok', 'paralaisis'].map(
    (w) => [w, 'stroke_paralysis'] as const,
  ),
  ...['থ্যালাসেমিয়া', 'থেলাসেমিয়া', 'থ্যালাসিমিয়া', 'থ্যালাসেমিয়া', 'thalassemia', 'thalassaemia', 'thalasemia', 'thalesemia'].map(
    (w) => [w, 'thalassaemia'] as const,
  ),
  ...[
    'জন্মগত হৃদরোগ', 'জন্মগত হার্টের', 'জন্মগত হার্ট', 'হার্টে ছিদ্র', 'হার্টে ফুটো', 'হৃৎপিণ্ডে ছিদ্র',
    'congenital heart', 'hole in the heart', 'hole in heart', 'jonmogoto heart', 'jonmogoto hridrog', 'heart e futo', 'heart e chidro',
  ].map((w) => [w, 'congenital_heart'] as const),
];
