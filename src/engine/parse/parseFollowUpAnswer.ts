import type { FollowUpAnswer } from '../../domain/cases/followUps.ts';
import { normaliseText, tokenise } from '../../text/normalise.ts';
import { parseYesNo } from './parseYesNo.ts';

/**
 * The answer to "does the allowance arrive in full?", typed in Bangla,
 * Banglish or English: "হ্যাঁ, পাচ্ছি", "ha pai", "pacchi" (yes); "অর্ধেক",
 * "kom pai", "পুরো না", "not in full" (partly); "না", "pai nai", "পাইনি",
 * "taka ase nai", "not yet" (no).
 *
 * `aboutMoney` says the words themselves speak of getting the money (a verb
 * of receiving, "half", "not yet"), not only yes or no: such an answer may be
 * taken even after the person has written something else since the question,
 * where a bare "না" could answer anything.
 */
export interface FollowUpReading {
  answer: FollowUpAnswer;
  aboutMoney: boolean;
}

const words = (list: readonly string[]): ReadonlySet<string> => new Set(list.flatMap((w) => tokenise(w)));

/** Getting, coming, giving: what money does, in the first and third person ("পাই", "pacche", "received"). */
const RECEIVE_BN = ['পাই', 'পাচ্ছি', 'পাইতেছি', 'পেয়েছি', 'পাইছি', 'পাইসি', 'পেলাম', 'পাচ্ছেন', 'পান', 'পেয়েছেন', 'পায়', 'পাচ্ছে', 'পেয়েছে', 'পাইছে', 'আসে', 'আসছে', 'আসতেছে', 'এসেছে', 'দেয়', 'দিচ্ছে', 'দিয়েছে'];
const RECEIVE_LATIN = [
  'pai', 'paai', 'pacchi', 'pachchi', 'pachi', 'pacci', 'paitesi', 'paitechi', 'peyechi', 'peyesi', 'paisi', 'paichi', 'pailam', 'pelam', 'pacchen', 'pan',
  'pay', 'paay', 'pacche', 'pache', 'peyeche', 'paise', 'paiche', 'ase', 'ashe', 'asche', 'ashche', 'asce', 'eseche', 'esheche', 'dey', 'dicche', 'diche', 'diyeche', 'diyese',
  'receive', 'received', 'receiving', 'receives', 'get', 'got', 'getting', 'gets', 'arrive', 'arrives', 'arrived', 'arriving', 'come', 'comes', 'came', 'coming',
];
const RECEIVE = words([...RECEIVE_BN, ...RECEIVE_LATIN]);

/** Stems that take the negation joined on ("পাইনি", "পাচ্ছিনা", "asheni", "paina"). */
const FUSED_STEMS = ['পাই', 'পাচ্ছি', 'পায়', 'পাচ্ছে', 'পান', 'পাচ্ছেন', 'আসে', 'আসছে', 'দেয়', 'দিচ্ছে', 'pai', 'pacchi', 'pachi', 'pay', 'pacche', 'pan', 'ase', 'ashe', 'asche', 'dey', 'dicche'];
const FUSED_ENDINGS = ['না', 'নি', 'নাই', 'na', 'ni', 'nai'];
const FUSED_NEGATIVE = words(FUSED_STEMS.flatMap((s) => FUSED_ENDINGS.filter((e) => /[a-z]/.test(e) === /[a-z]/.test(s)).map((e) => `${s}${e}`)));

const NEGATION = words(['না', 'নাই', 'নি', 'নেই', 'নাহ', 'na', 'naa', 'nai', 'ni', 'nei', 'not', 'no', 'never', 'nothing', 'none', 'didnt', 'dont', 'doesnt', 'havent', 'hasnt', 'isnt']);
/** "Not yet": with a negation, a no even without a verb. */
const YET = words(['এখনো', 'এখনও', 'ekhono', 'ekhno', 'akhono', 'ekhon', 'yet']);
/** Half, less: only part of it comes. */
const PART = words(['অর্ধেক', 'আধা', 'আধেক', 'কম', 'ordhek', 'ordhok', 'ardhek', 'adha', 'adhek', 'kom', 'half', 'partly', 'partially', 'partial', 'less', 'some']);
/** Some: part of it ("কিছু পাই"), but with a negation nothing at all ("কিছু পাই না"). */
const SOME = words(['কিছু', 'কিছুটা', 'অল্প', 'kichu', 'kisu', 'kichuta', 'olpo']);
/** Full, all: with a negation, not all of it ("পুরো পাই না", "not in full"). */
const FULL = words(['পুরো', 'পুরা', 'পুরোটা', 'পুরাটা', 'সব', 'সবটা', 'সম্পূর্ণ', 'puro', 'pura', 'purota', 'purata', 'shob', 'sob', 'shobta', 'full', 'fully', 'all']);
/** The money itself ("টাকা নাই", "no money"). */
const MONEY = words(['টাকা', 'ভাতা', 'taka', 'bhata', 'vata', 'money', 'allowance', 'payment']);
/** A question is no answer ("আমি কি ভাতা পাই?"). */
const QUESTION = words(['কি', 'কী', 'কেন', 'কিভাবে', 'কীভাবে', 'কবে', 'কোথায়', 'কত', 'ki', 'keno', 'kivabe', 'kibhabe', 'kobe', 'kothay', 'koto', 'why', 'what', 'how', 'when', 'where']);

/** Longer than this, a message is an account of something, not an answer. */
const MAX_WORDS = 12;

/**
 * @example parseFollowUpAnswer('ha pai') // { answer: 'yes', aboutMoney: true }
 * @example parseFollowUpAnswer('pai nai') // { answer: 'no', aboutMoney: true }
 * @example parseFollowUpAnswer('ordhek') // { answer: 'partly', aboutMoney: true }
 * @example parseFollowUpAnswer('না') // { answer: 'no', aboutMoney: false }
 * @example parseFollowUpAnswer('আমি কি ভাতা পাই?') // null
 */
export function parseFollowUpAnswer(text: string): FollowUpReading | null {
  if (/[?？؟]/u.test(text)) return null;
  const tokens = tokenise(text);
  if (tokens.length === 0 || tokens.length > MAX_WORDS) return null;
  const has = (set: ReadonlySet<string>): boolean => tokens.some((t) => set.has(t));
  if (has(QUESTION)) return null;
  const negated = has(NEGATION) || has(FUSED_NEGATIVE);
  if (has(PART) || (has(FULL) && negated)) return { answer: 'partly', aboutMoney: true };
  if (has(SOME)) return { answer: negated ? 'no' : 'partly', aboutMoney: true };
  if (negated && (has(RECEIVE) || has(FUSED_NEGATIVE) || has(YET) || has(MONEY))) return { answer: 'no', aboutMoney: true };
  if (!negated && has(RECEIVE)) return { answer: 'yes', aboutMoney: true };
  const bare = parseYesNo(normaliseText(text));
  return bare === null ? null : { answer: bare, aboutMoney: false };
}
