/**
 * Corrections to `bd-divisions-to-unions` 1.0.3 names. The package's English
 * list was typed by hand (lower case, glued direction letters, "Rare" for
 * বিরল, truncated words) and its paurashavas are only marked in Bangla, so
 * the general rules below clean what they safely can and the table fixes the
 * rest one entry at a time. Each fix names the raw English title it expects:
 * if a new package release changes that entry, the fix stops applying and the
 * geo tests fail instead of silently renaming the wrong place.
 */

// Characters that change nothing visible but break equality: zero-width space,
// LRM/RLM, BOM. ZWJ/ZWNJ shape Bangla conjuncts, so only their stray ends go.
const INVISIBLE = /[\u200B\u200E\u200F\uFEFF]/g;
const EDGE_JOINERS = /^[\u200C\u200D\s]+|[\u200C\u200D\s]+$/g;

export function tidy(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(EDGE_JOINERS, '').replace(/\s+/g, ' ');
}

const PAURASHAVA_BN = /\s*পৌরসভা$/;

/** The package marks paurashavas only by a Bangla title ending in পৌরসভা. */
export function isPaurashavaTitle(titleBn: string): boolean {
  return PAURASHAVA_BN.test(tidy(titleBn));
}

/**
 * Bangla: serial-number prefixes ("১০ নং পদুয়া ইউনিয়ন", "১গোপালনগর") and a
 * trailing "ইউনিয়ন" are how a union parishad is addressed, not its name.
 */
export function cleanBn(title: string): string {
  return tidy(title)
    .replace(/^[০-৯]+\s*(নং)?\s*/, '')
    .replace(/\s*ই(উ|য়)নিয়ন$/, ''); // also the misspelt ইয়নিয়ন
}

// Every spelling of "paurashava" the English list uses, plus "Municipality".
const PAURASHAVA_EN = /\s*\b(municipal(ity|ities)?|pau?r[ao]s[h]?[ao]?(bh?|v)a|pou?r[ao]s[h]?[ao]?(bh?|v)a)$/i;

function capitalise(word: string): string {
  // Only all-lower-case words: "DM" or "McDonald"-style spellings are left as typed.
  return /^[a-z]/.test(word) && word === word.toLowerCase() ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

/**
 * English: "Municipality of Tanore" loses its prefix, "1nomohadevpur" and
 * "10 padua union" their serial number, "Maijchar9" its stray digit,
 * "Fatullah Union" the word union; lower-case words are capitalised;
 * paurashavas get one consistent suffix.
 */
export function cleanEn(title: string, paurashava: boolean): string {
  let name = tidy(title)
    .replace(/^municipality of\s+/i, '')
    .replace(/^\d+\s*(no\.?)?\s*/i, '')
    .replace(/\s*\d+$/, '')
    .replace(/\s+union$/i, '');
  if (paurashava) name = `${name.replace(PAURASHAVA_EN, '')} Paurashava`;
  return name.split(' ').map(capitalise).join(' ');
}

export interface NameFix {
  /** The raw English title (tidied) this fix was written against. */
  was: string;
  nameEn?: string;
  nameBn?: string;
  why: string;
}

const RENAMED_2018 = 'renamed by the government in 2018; the package keeps the old spelling';

/** Keyed by place code (see places.ts). */
export const NAME_FIXES: Readonly<Record<string, NameFix>> = {
  dv10: { was: 'Barisal', nameEn: 'Barishal', why: RENAMED_2018 },
  dv20: { was: 'Chattagram', nameEn: 'Chattogram', why: 'official spelling, and the district list already says Chattogram' },
  ds6: { was: 'Barisal', nameEn: 'Barishal', why: RENAMED_2018 },
  ds19: { was: 'Comilla', nameEn: 'Cumilla', why: RENAMED_2018 },
  ds22: { was: 'Coxsbazar', nameEn: "Cox's Bazar", why: 'apostrophe and space dropped in the package' },
  up11: { was: 'Comilla Sadar', nameEn: 'Cumilla Sadar', why: RENAMED_2018 },
  up14: { was: 'Sadarsouth', nameEn: 'Sadar Dakshin', why: 'glued words; Bangla is সদর দক্ষিণ' },
  up80: { was: 'Coxsbazar Sadar', nameEn: "Cox's Bazar Sadar", why: 'district spelling' },
  up123: { was: 'Bogra Sadar', nameEn: 'Bogura Sadar', why: RENAMED_2018 },
  up177: { was: 'Jessore Sadar', nameEn: 'Jashore Sadar', why: RENAMED_2018 },
  up249: { was: 'Barisal Sadar', nameEn: 'Barishal Sadar', why: RENAMED_2018 },
  up260: { was: 'Borhan Sddin', nameEn: 'Borhanuddin', why: 'typo; Bangla is বোরহান উদ্দিন' },
  up492: { was: 'Dhaka South City Corporat', nameEn: 'Dhaka South City Corporation', why: 'truncated' },
  up493: { was: 'Dhaka North City Corporat', nameEn: 'Dhaka North City Corporation', why: 'truncated' },
  up496: { was: 'Rungpur City Corporation', nameEn: 'Rangpur City Corporation', why: 'typo' },
  up498: {
    was: 'Chittagong City Corporation',
    nameEn: 'Chattogram City Corporation',
    nameBn: 'চট্টগ্রাম সিটি কর্পোরেশন',
    why: 'old English spelling; Bangla has র for ট (চট্রগ্রাম)',
  },
  up501: { was: 'Mymansing city corporation', nameEn: 'Mymensingh City Corporation', why: 'typo' },
  up502: { was: 'Sylet City Corporation', nameEn: 'Sylhet City Corporation', why: 'typo' },
  // Direction glued on or missing in English; the Bangla has it in brackets.
  un156: { was: 'Jorkanoneast', nameEn: 'Jorkanon (East)', why: 'glued direction' },
  un158: { was: 'Jorkanonwest', nameEn: 'Jorkanon (West)', why: 'glued direction' },
  un242: { was: 'Natai', nameEn: 'Natai (South)', why: 'two unions both called Natai; Bangla says দক্ষিন' },
  un243: { was: 'Natai', nameEn: 'Natai (North)', why: 'two unions both called Natai; Bangla says উত্তর' },
  un283: { was: 'Talshaharw', nameEn: 'Talshahar (West)', why: 'glued direction' },
  un290: { was: 'Akhauran', nameEn: 'Akhaura (North)', why: 'glued direction' },
  un291: { was: 'Akhauras', nameEn: 'Akhaura (South)', why: 'glued direction' },
  un297: { was: 'Nabinagare', nameEn: 'Nabinagar (East)', why: 'glued direction' },
  un298: { was: 'Nabinagarw', nameEn: 'Nabinagar (West)', why: 'glued direction' },
  un501: { was: 'Chitoshiwest', nameEn: 'Chitoshi (West)', why: 'glued direction' },
  // "up" = union parishad, glued to the name.
  un1278: { was: 'Mariaup', nameEn: 'Maria', why: 'glued "up" (union parishad)' },
  un4556: { was: 'bhawalgarhup', nameEn: 'Bhawalgarh', why: 'glued "up" (union parishad)' },
  un4557: { was: 'pirujaliup', nameEn: 'Pirujali', why: 'glued "up" (union parishad)' },
  // Paurashavas whose English is another thing altogether.
  un4898: { was: 'Rare municipality', nameEn: 'Biral Paurashava', why: 'বিরল machine-translated as "Rare"' },
  un4561: { was: 'Sirajganj Sadar', nameEn: 'Sirajganj Paurashava', why: 'Bangla is সিরাজগঞ্জ পৌরসভা' },
  un4586: { was: 'Feni Sadar Paurasabha', nameEn: 'Feni Paurashava', why: 'Bangla is ফেনী পৌরসভা' },
  un4562: { was: 'Chaddagram', nameEn: 'Chauddagram Paurashava', why: 'typo and no suffix; Bangla is চৌদ্দগ্রাম পৌরসভা' },
  // Bangla garbled.
  un1822: { was: 'Adabaria', nameBn: 'আদাবাড়ীয়া', why: 'Bangla lost its first letters (ড়ীয়া)' },
  un722: { was: 'Barumchara', nameBn: 'বরুমচড়া', why: 'ু garbled to ম্ন by a font conversion (বরম্নমচড়া)' },
  // Abbreviations and glued words in English.
  un224: { was: 'Gmhat', nameEn: 'G.M. Hat', why: 'abbreviation lost its stops; Bangla is জি,এম, হাট' },
  un2075: { was: 'Sbk', nameEn: 'S.B.K.', why: 'abbreviation; Bangla is এস, বি, কে' },
  un1900: { was: 'Tsb', nameEn: 'T.S.B.', why: 'abbreviation; Bangla is টিএসবি' },
  un4683: { was: 'tejgao ca', nameEn: 'Tejgaon Industrial Area', why: 'Bangla is তেজগাঁও শিল্প এলাকা' },
  un571: { was: 'Nourthjoypur', nameEn: 'North Joypur', why: 'typo and glued; Bangla is উত্তর জয়পুর' },
  un2330: { was: 'Westilisa', nameEn: 'West Ilisha', why: 'glued; Bangla is পশ্চিম ইলিশা' },
  un2607: { was: 'Eastjuri', nameEn: 'East Juri', why: 'glued; Bangla is পুর্ব জুড়ী' },
  un5015: { was: 'Fence Municipality', nameEn: 'Bera Paurashava', why: 'বেড়া machine-translated as "Fence"' },
  un4868: { was: 'Taora Municipality', nameEn: 'Talora Paurashava', why: 'typo; Bangla is তালোড়া পৌরসভা' },
  un4834: { was: 'Rajouri Municipality', nameEn: 'Rajoir Paurashava', why: 'spelt unlike its upazila Rajoir (রাজৈর)' },
};

/**
 * Union-level entries the package lists twice. Keeping both would offer a
 * user the same union or paurashava twice, so one copy is dropped (by code,
 * so a later release that fixes the list changes nothing here).
 */
export const DROPPED_UNIONS: Readonly<Record<string, string>> = {
  // Paurashavas entered twice under the same upazila; the copy spelt like its upazila stays.
  un4736: 'same as un4543 Bhuapur Paurashava',
  un4551: 'same as un4917 Dhanbari Paurashava (ধানবাড়ী, upazila is ধনবাড়ী)',
  un4912: 'same as un4559 Kaliganj Paurashava (কালিগঞ্জ, upazila is কালীগঞ্জ)',
  un4549: 'same as un4916 Kalihati Paurashava (কালিহাতি, upazila is কালিহাতী)',
  un4827: 'same as un4548 Sakhipur Paurashava (সখীপুর, upazila is সখিপুর)',
  un4862: 'same as un4552 Singra Paurashava',
  un4558: 'same as un4731 Kaliakair Paurashava (English "Kaliakoir")',
  // Unions listed both under the upazila they now belong to and, stale, under the one it was carved from.
  // Lalmai upazila (2017) took these from Cumilla Sadar Dakshin; the package has them in both.
  un159: 'also un185 under Lalmai',
  un160: 'also un186 under Lalmai',
  un161: 'also un187 under Lalmai',
  un162: 'also un188 under Lalmai',
  un163: 'also un189 under Lalmai',
  un164: 'also un190 under Lalmai',
  un165: 'also un191 under Lalmai',
  un166: 'also un192 under Lalmai',
  // Karnafuli upazila (2016) took these from Patiya.
  un665: 'also un810 under Karnafuli',
  un666: 'also un811 under Karnafuli',
  un670: 'also un812 under Karnafuli',
  un673: 'also un813 under Karnafuli',
  un676: 'also un814 under Karnafuli',
  // Guimara upazila (2017) took these from Mohalchhari, Ramgarh and Matiranga.
  un7291: 'also un5060 under Guimara',
  un911: 'also un5244 under Guimara',
  un918: 'also un5243 under Guimara',
};
