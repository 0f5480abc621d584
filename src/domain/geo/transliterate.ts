/**
 * Bangla → Latin, the way people write Bangla place names in Latin letters
 * ("Banglish"): টুঙ্গিপাড়া → tunggipara, গোপালগঞ্জ → gopalgonj. Not a scholarly
 * transliteration: it only has to land close enough to what someone types
 * for the phonetic key (phonetic.ts) to absorb the rest.
 */

const CONSONANTS: Readonly<Record<string, string>> = {
  ক: 'k', খ: 'kh', গ: 'g', ঘ: 'gh', ঙ: 'ng',
  চ: 'ch', ছ: 'chh', জ: 'j', ঝ: 'jh', ঞ: 'n',
  ট: 't', ঠ: 'th', ড: 'd', ঢ: 'dh', ণ: 'n',
  ত: 't', থ: 'th', দ: 'd', ধ: 'dh', ন: 'n',
  প: 'p', ফ: 'f', ব: 'b', ভ: 'bh', ম: 'm',
  য: 'j', র: 'r', ল: 'l', শ: 'sh', ষ: 'sh', স: 's', হ: 'h',
  '\u09DC': 'r', // ড়
  '\u09DD': 'rh', // ঢ়
  '\u09DF': 'y', // য়
};

const VOWEL_SIGNS: Readonly<Record<string, string>> = {
  'া': 'a', 'ি': 'i', 'ী': 'i', 'ু': 'u', 'ূ': 'u', 'ৃ': 'ri', 'ে': 'e', 'ৈ': 'oi', 'ো': 'o', 'ৌ': 'ou',
};

const VOWELS: Readonly<Record<string, string>> = {
  অ: 'o', আ: 'a', ই: 'i', ঈ: 'i', উ: 'u', ঊ: 'u', ঋ: 'ri', এ: 'e', ঐ: 'oi', ও: 'o', ঔ: 'ou',
};

const MODIFIERS: Readonly<Record<string, string>> = { 'ং': 'ng', 'ঃ': 'h', 'ঁ': '' };

const HASANTA = '্';
const KHANDA_TA = 'ৎ';
const JOINERS = new Set(['\u200C', '\u200D']);

/** Nukta letters: NFC splits ড় ঢ় য় into letter + nukta, which the table keys as one. */
function composeNukta(text: string): string {
  return text.replace(/ড\u09BC/g, '\u09DC').replace(/ঢ\u09BC/g, '\u09DD').replace(/য\u09BC/g, '\u09DF');
}

const isConsonant = (c: string | undefined): boolean => c !== undefined && c in CONSONANTS;
const isBanglaLetter = (c: string | undefined): boolean =>
  c !== undefined && (c in CONSONANTS || c in VOWELS || c in VOWEL_SIGNS || c in MODIFIERS || c === HASANTA || c === KHANDA_TA);

export function hasBangla(text: string): boolean {
  return /[\u0980-\u09FF]/.test(text);
}

export function transliterate(text: string): string {
  const chars = [...composeNukta(text.normalize('NFC'))].filter((c) => !JOINERS.has(c));
  let out = '';
  // Whether the syllable before the current consonant had a written vowel: a
  // consonant after one closes that syllable and drops its inherent vowel
  // (গোপাল|গঞ্জ, খুল|না), which is what speakers do.
  let afterWrittenVowel = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    const next = chars[i + 1];
    if (isConsonant(c)) {
      const prev = chars[i - 1];
      const beforePrev = chars[i - 2];
      const inCluster = prev === HASANTA && isConsonant(beforePrev);
      const wordInitial = !isBanglaLetter(prev);
      if (c === 'ষ' && inCluster && beforePrev === 'ক') {
        out = `${out.slice(0, -1)}kh`; // ক্ষ is said "kh"
      } else if (c === 'ঞ' && inCluster && beforePrev === 'জ') {
        out = `${out.slice(0, -1)}gg`; // জ্ঞ is said "gg"
      } else if (inCluster && (c === 'য' || (c === 'ব' && beforePrev !== 'ম'))) {
        // য-ফলা and ব-ফলা only lengthen the consonant before them.
      } else {
        out += CONSONANTS[c] ?? '';
      }
      if (next !== undefined && next in MODIFIERS) {
        out += 'o';
        afterWrittenVowel = false;
      } else if (isConsonant(next) || next === KHANDA_TA) {
        // A word's last two consonants keep the vowel between them (নগর, যশোহর),
        // and so does a consonant before a cluster (গোয়ালন্দ).
        const beforeLast = !isBanglaLetter(chars[i + 2]);
        const beforeCluster = chars[i + 2] === HASANTA;
        if (wordInitial || inCluster || beforeLast || beforeCluster || !afterWrittenVowel) out += 'o';
        afterWrittenVowel = false;
      }
    } else if (c in VOWEL_SIGNS) {
      out += VOWEL_SIGNS[c] ?? '';
      afterWrittenVowel = true;
    } else if (c in VOWELS) {
      out += VOWELS[c] ?? '';
      afterWrittenVowel = true;
    } else if (c in MODIFIERS) {
      out += MODIFIERS[c] ?? '';
    } else if (c === KHANDA_TA) {
      out += 't';
    } else if (c === HASANTA) {
      // Joins consonants; the cluster is handled at the next consonant.
    } else if (c >= '০' && c <= '৯') {
      out += String(c.charCodeAt(0) - '০'.charCodeAt(0));
    } else {
      out += c;
      afterWrittenVowel = false;
    }
  }
  return out;
}
