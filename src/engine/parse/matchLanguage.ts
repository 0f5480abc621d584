import { tokenise } from '../../text/normalise.ts';

const NAMES: ReadonlyArray<readonly [string, 'bn' | 'en']> = [
  ['বাংলা', 'bn'], ['বাংলায়', 'bn'], ['বাংলাতে', 'bn'], ['বাঙলা', 'bn'], ['bangla', 'bn'], ['bengali', 'bn'], ['banglay', 'bn'], ['bn', 'bn'],
  ['english', 'en'], ['ইংরেজি', 'en'], ['ইংরেজী', 'en'], ['ইংরেজিতে', 'en'], ['ইংরেজীতে', 'en'], ['ইংলিশ', 'en'], ['ইংলিশে', 'en'],
  ['eng', 'en'], ['en', 'en'], ['engreji', 'en'], ['ingreji', 'en'],
];

// Words that may surround a language's name without changing the request.
const AROUND = [
  'in', 'please', 'plz', 'pls', 'speak', 'talk', 'write', 'reply', 'use', 'i', 'want', 'prefer', 'switch', 'to', 'change', 'language', 'lang',
  'te', 'e', 'chai', 'bolun', 'bolen', 'bolo', 'likhun',
  'ভাষা', 'ভাষায়', 'বলুন', 'বলো', 'বলেন', 'লিখুন', 'লেখেন', 'লিখো', 'চাই', 'দিন', 'প্লিজ', 'কথা', 'বলতে', 'করুন', 'দয়া', 'করে',
];

const NAME_OF: ReadonlyMap<string, 'bn' | 'en'> = new Map(NAMES.map(([w, lang]) => [tokenise(w).join(' '), lang]));
const AROUND_WORDS: ReadonlySet<string> = new Set(AROUND.flatMap((w) => tokenise(w)));

/**
 * Recognises a message that asks for a language by name ("বাংলা", "English
 * please", "বাংলায় বলুন", "ইংরেজি"), so it can switch at once, wherever the chat is.
 * The whole message must be the request: "language" alone is the command
 * that offers the choice, and "আমি বাংলাদেশে থাকি" names no language.
 *
 * @example matchLanguage('English please') // 'en'
 * @example matchLanguage('বাংলায় বলুন') // 'bn'
 * @example matchLanguage('ভাষা') // null
 */
export function matchLanguage(text: string): 'bn' | 'en' | null {
  const found = new Set<'bn' | 'en'>();
  for (const token of tokenise(text)) {
    const lang = NAME_OF.get(token);
    if (lang !== undefined) found.add(lang);
    else if (!AROUND_WORDS.has(token)) return null;
  }
  if (found.size !== 1) return null;
  const [lang] = found;
  return lang ?? null;
}
