import type { ProgrammeId } from '../../domain/programmes/schema.ts';
import type { Intent } from '../../engine/session.ts';

/*
 * The words the rules understander looks for, as data so that adding a
 * spelling is a one-line change. Each entry is a word or a phrase of
 * consecutive words; Bangla entries also match with case endings (ভাতা →
 * ভাতার, মা → মায়ের), Banglish ones with -r/-er/-ke (vata → vatar). Write
 * entries as people type them; they are normalised (NFC, lower case) on load.
 */

/**
 * The words that signal one intent.
 *
 * @example { intent: 'greeting', keywords: ['হ্যালো', 'hello', 'salam'] }
 */
export interface IntentKeywords {
  intent: Intent;
  keywords: readonly string[];
}

/**
 * Highest priority first: when a message hits several intents the first one
 * wins, so "ভাতা পাইনি, অভিযোগ" is a grievance and not an eligibility question.
 *
 * @example INTENT_KEYWORDS[0]?.intent // 'grievance'
 */
export const INTENT_KEYWORDS: readonly IntentKeywords[] = [
  {
    intent: 'grievance',
    keywords: [
      'অভিযোগ', 'অভিযোগ করতে', 'অভিযোগ করব', 'অভিযোগ দিতে', 'নালিশ', 'ঘুষ', 'দুর্নীতি', 'হয়রানি',
      'টাকা চায়', 'টাকা চাইছে', 'টাকা চেয়েছে', 'টাকা চাচ্ছে', 'টাকা নিয়েছে', 'টাকা দাবি', 'টাকা কেটে', 'কম দিয়েছে',
      'টাকা পাইনি', 'পাইনি', 'পাই নাই', 'পাইনাই', 'পাচ্ছি না', 'পাচ্ছে না', 'পাচ্ছেন না', 'পাই না', 'বন্ধ হয়ে গেছে', 'বন্ধ করে দিয়েছে',
      'complaint', 'complain', 'grievance', 'bribe', 'corruption', 'harassment', 'harassed', 'not received', 'did not get', 'didnt get',
      'not getting', 'asking for money', 'asked for money', 'wants money',
      'ovijog', 'obhijog', 'abhijog', 'ovijog korbo', 'nalish', 'ghush', 'ghus', 'ghoosh', 'taka pai nai', 'pai nai', 'paini', 'pai ni',
      'pacchi na', 'pachhi na', 'taka chay', 'taka chaise', 'taka chacche', 'durniti',
      // Money that did not come, or was taken.
      'টাকা আসে নাই', 'টাকা আসেনি', 'টাকা আসে নি', 'টাকা আসে না', 'টাকা আসছে না', 'টাকা আসতেছে না', 'টাকা ঢোকেনি', 'টাকা ঢুকেনি',
      'টাকা ঢুকে নাই', 'টাকা ঢোকে নাই', 'ভাতা আসে না', 'ভাতা আসে নাই', 'আটকে আছে', 'আটকে গেছে', 'বন্ধ', 'টাকা দিলে', 'টাকা দিতে হবে',
      'টাকা নিয়ে গেছে', 'টাকা ছাড়া', 'তুলে নিয়েছে', 'তুলে নিচ্ছে', 'তুলে নেয়', 'কেটে রাখে', 'রেখে দেয়', 'কম দিসে', 'কম দিয়েছে',
      'খারাপ ব্যবহার', 'হুমকি', 'ঘুরায়', 'ঘোরায়', 'দলের লোক', 'দলীয়',
      'taka ase nai', 'taka ashe nai', 'taka ase na', 'taka asheni', 'taka aseni', 'taka dhuke nai', 'taka dhoke nai', 'bondho',
      'taka dite hobe', 'taka dile', 'taka niye', 'niye geche', 'kom dise', 'kom diyeche', 'ghuray', 'tule nicche', 'tule niyeche', 'tule nise',
      'has not come', 'hasnt come', 'not come', 'not coming', 'not paid', 'stopped', 'was cut', 'been cut', 'demanding money', 'asked to pay',
      'withdrawing', 'withdrew', 'threatened', 'misbehave', 'rude',
      'না দিলে', 'ফেরত দেয় না', 'ফেরত দিচ্ছে না', 'ফেরত দেয়নি', 'জমা নিয়ে গেছে', 'টাকা নিল', 'টাকা নিলো', 'তুলে খাচ্ছে', 'খেয়ে ফেলেছে',
      'na dile', 'ferot dey na', 'ferot dicche na', 'niye gese', 'niye geche', 'taka nilo', 'taka nise', 'tule khacche', 'kheye felse',
      'they cut', 'cut from', 'took money', 'not returning', 'kete rakhe', 'kete ney',
      // Not receiving: a complaint, unless it tells one's circumstances (see NOT_RECEIVING).
      'পান না', 'পায় না', 'পায়না', 'পাইনা', 'পায়নি', 'পাননি', 'আসে না', 'আসে নাই', 'আসেনি',
      'pai na', 'paina', 'pay na', 'pan na', 'painai', 'ase na', 'ase nai', 'ashe na', 'asheni',
      'dont get', 'doesnt get', 'does not get', 'do not get', 'not receive', 'havent got', 'have not got', 'havent received', 'have not received',
      // Rudeness, an officer out of reach, others paid who should not be, money cut short.
      'kharap babohar', 'kharap bebohar', 'kharap byabohar', 'baje bebohar', 'ফোন ধরে না', 'ফোন ধরেন না', 'phone dhore na', 'phone dhoren na',
      'does not answer', 'doesnt answer', 'never answers', 'ke dekhbe eta', 'কে দেখবে', 'lift nai', 'লিফট নাই', 'লিফট নেই',
      'removed', 'taka kom', 'kom aise', 'kom asche', 'kom dilo', 'kete nise', 'kete niyeche', 'কেটে নিছে', 'কেটে নিয়েছে', 'তুলে নিছে',
      'dile name', 'dile nam', 'দিলে নাম', 'attiyo ra', 'attiyora', 'er attiyo', 'আত্মীয়রা সব', 'আত্মীয়দের দিয়েছে', 'relatives of the',
      'who owns', 'how is this possible', 'who checks', 'এটা কীভাবে সম্ভব', 'eta kivabe somvob',
    ],
  },
  {
    intent: 'report',
    keywords: [
      'বাদ পড়েছে', 'বাদ পড়েছেন', 'বাদ পড়ে গেছে', 'বাদ পড়ে গেছেন', 'বাদ দিয়েছে', 'বাদ দিয়েছেন', 'তালিকায় নেই', 'তালিকায় নাই',
      'তালিকায় নাম নেই', 'তালিকায় নাম নাই', 'লিস্টে নাম নেই', 'লিস্টে নেই', 'রিপোর্ট', 'খবর দিতে', 'খবর দিন',
      'left out', 'excluded', 'report', 'not on the list', 'not in the list', 'missing from the list',
      'bad poreche', 'bad pore geche', 'bad diyeche', 'talikay nai', 'talikay nei', 'liste nai', 'liste nam nai', 'riport',
      'বাদ পড়া', 'বাদ পড়ে', 'বাদ দিয়ে', 'তালিকা থেকে', 'নাম কেটে', 'bad pore', 'bad pora', 'bad dise', 'nam kete', 'not on the', 'left off',
      'bad porse', 'bad porche', 'bad pore gese', 'never included', 'not included', 'নাম ওঠেনি', 'নাম উঠেনি', 'তালিকায় ওঠেনি', 'তালিকায় উঠেনি',
      // Someone speaking for a person the safety net missed: a journalist, a volunteer, a neighbour.
      'সাংবাদিক', 'journalist', 'volunteer', 'স্বেচ্ছাসেবক', 'sangbadik', 'reporting', 'on behalf', 'tar hoye', 'তার হয়ে', 'তাঁর হয়ে', 'ওনার হয়ে',
      'janate pari', 'জানাতে পারি', 'janailam', 'জানালাম', 'nobody registered', 'no one registered', 'karo nojore nai', 'কারো নজরে নেই',
      'কারো নজরে নাই', 'কেউ খোঁজ নেয় না', 'keu khoj ney na', 'keu khoj neyna',
    ],
  },
  {
    intent: 'human',
    keywords: [
      'মানুষের সাথে', 'মানুষের সঙ্গে', 'মানুষ চাই', 'লোকের সাথে কথা', 'সাথে কথা বলতে', 'সাথে কথা বলব', 'সাথে কথা বলবো', 'সঙ্গে কথা বলতে',
      'কথা বলতে চাই', 'কথা বলা যাবে', 'কথা বলা যায়', 'কথা বলব', 'কথা বলবো', 'ফোনে কথা', 'অফিসারের নাম্বার', 'অফিসারের নম্বর', 'অফিসারের সাথে',
      'ফোন নম্বর কত', 'ফোন নাম্বার কত', 'নাম্বার দেন', 'নম্বর দেন', 'নম্বর দিন', 'কল দিতে', 'কল দেন', 'কল করেন',
      'ফোন দিলে', 'ফোন দেন', 'যোগাযোগ করতে চাই', 'যোগাযোগ নম্বর', 'হেল্পলাইন', 'অফিস কোথায়',
      'talk to a human', 'talk to someone', 'talk to a person', 'speak to someone', 'speak to a person', 'speak to a', 'real person', 'give me a person',
      'human', 'agent', 'call me', 'phone number', 'contact number', 'helpline', 'officer number', 'officers number',
      'manusher sathe', 'manush er sathe', 'manush chai', 'kotha bolte chai', 'kotha bolbo', 'kotha bola jabe', 'officer er number',
      'officer er sathe', 'number den', 'call den', 'call diben', 'phone den',
      'ফোন দিবেন', 'ফোন করবেন', 'কল দিবেন', 'নম্বরটা দেন', 'নম্বরটা দিবেন', 'নাম্বারটা দেন', 'নাম্বারটা দিবেন', 'অফিসের নম্বর', 'অফিসের নাম্বার',
      'phone diben', 'number ta diben', 'number ta den', 'number diben', 'office er number', 'number i can call', 'someone call',
      'can i call', 'call someone', 'typing is hard', 'cannot type', 'cant type', 'likhte pari na', 'লিখতে পারি না', 'লিখতে পারিনা',
      'মোবাইল নম্বর', 'মোবাইল নাম্বার', 'নম্বর দিবেন', 'নাম্বার দিবেন', 'কথা বলিয়ে', 'অফিসের ঠিকানা', 'ঠিকানা কোথায়', 'ঠিকানা কী', 'thikana ta koi', 'thikana koi', 'office e ashte', 'office e jete', 'mobile number', 'address of',
    ],
  },
  {
    intent: 'status',
    keywords: [
      'অবস্থা', 'স্ট্যাটাস', 'ট্র্যাকিং', 'ট্র্যাক', 'ট্রাকিং', 'কী হল', 'কি হল', 'কী হলো', 'কি হলো', 'কী হয়েছে', 'কি হয়েছে', 'কতদূর',
      'status', 'track', 'tracking', 'tracking number', 'what happened', 'update',
      'obostha', 'ki holo', 'ki hoilo', 'ki hoyeche', 'kotodur',
      'কিছু হলো না', 'কিছুই হয়নি', 'কিছু হয়নি', 'সমাধান হয়নি', 'কেউ দেখেছে', 'কেউ দেখছে', 'খোঁজ নেব', 'খোঁজ নিতে', 'খোঁজ নিব', 'kichu holo na', 'kichui hoy nai', 'keu dekhse', 'keu dekheche', 'keu dekhche',
      'not solved', 'no update', 'solve hoy nai',
    ],
  },
  {
    intent: 'eligibility',
    keywords: [
      'ভাতা', 'পাবো', 'পাব', 'পাবে', 'পাবেন', 'পাবার', 'পাওয়ার', 'পাওয়া যাবে', 'পেতে', 'যোগ্য', 'যোগ্যতা', 'আবেদন', 'উপবৃত্তি',
      'চিকিৎসা সহায়তা', 'আর্থিক সহায়তা', 'সরকারি সাহায্য', 'সরকারি সহায়তা', 'কার্ড করতে',
      'allowance', 'eligible', 'eligibility', 'qualify', 'apply', 'application', 'benefit', 'stipend',
      'vata', 'bhata', 'vatta', 'bhatta', 'pabo', 'pabe', 'paben', 'pete', 'joggo', 'jogyo', 'abedon', 'aabedon', 'upobritti',
    ],
  },
  {
    intent: 'help',
    keywords: [
      'ki ki korte paro', 'ki korte paro', 'what is this app', 'what is this for', 'what is this', 'এটা কী', 'এটা কি', 'eta ki',
      'সাহায্য', 'সহায়তা', 'কী করতে পারেন', 'কি করতে পারেন', 'কী করতে পারো', 'কি করতে পারো', 'বুঝতে পারছি না', 'বুঝি না',
      'help', 'what can you do', 'how does this work', 'how to use', 'sahajjo', 'shahajjo', 'help chai', 'bujhi na', 'bujhte parchi na',
      'ki korte paren', 'ki korte parben', 'kivabe use korbo', 'use korbo', 'use korte', 'ব্যবহার করব', 'ব্যবহার করবো', 'কি কি করা যায়',
      'কি কি সেবা', 'কী কী সেবা', 'সেবা দেন', 'ki ki seba', 'dont understand', 'do not understand', 'what to do',
    ],
  },
  {
    intent: 'language',
    keywords: [
      'ভাষা', 'ইংরেজি', 'ইংরেজিতে', 'ইংলিশ', 'বাংলায়', 'বাংলাতে', 'language', 'english', 'in bangla', 'in bengali', 'bhasha', 'vasha',
      'bangla te', 'banglay', 'english e', 'ingreji', 'bangla please', 'bengali please', 'in bangla please',
    ],
  },
  {
    intent: 'thanks',
    keywords: [
      'upokar holo', 'upokar hoilo', 'onek upokar', 'উপকার হলো', 'উপকার হল', 'উপকার হয়েছে',
      'ধন্যবাদ', 'থ্যাংক ইউ', 'থ্যাংকস', 'থ্যাঙ্কস', 'শুকরিয়া', 'জাজাকাল্লাহ', 'জাযাকাল্লাহ', 'আল্লাহ হাফেজ', 'খোদা হাফেজ', 'বিদায়',
      'thank you', 'thank u', 'thanks', 'thankyou', 'thanku', 'thx', 'tnx', 'thnx', 'thanx', 'dhonnobad', 'donnobad', 'dhonyobad', 'dhonnobaad',
      'shukriya', 'shukria', 'jazakallah', 'jazakallahu', 'জাযাকাল্লাহু', 'জাজাকাল্লাহু', 'allah hafez', 'khoda hafez', 'khuda hafez', 'bye', 'goodbye', 'good bye',
    ],
  },
  {
    intent: 'greeting',
    keywords: [
      'হ্যালো', 'হাই', 'হেলো', 'আসসালামু আলাইকুম', 'আসসালামুআলাইকুম', 'সালাম', 'স্লামালেকুম', 'নমস্কার', 'আদাব', 'শুভ সকাল',
      'hi', 'hello', 'hey', 'helo', 'hlw', 'assalamualaikum', 'assalamu alaikum', 'asalamualaikum', 'as salamu alaikum', 'salam', 'slm',
      'namaskar', 'nomoskar', 'adab', 'good morning', 'good evening',
      'আসসালামুয়ালাইকুম', 'কেমন আছেন', 'কেমন আছো', 'কি খবর', 'কী খবর', 'শুভ সন্ধ্যা', 'শুভ রাত্রি', 'kemon achen', 'kemon asen', 'ki khobor',
      'good afternoon',
    ],
  },
];

/**
 * Words that name a complaint without making one. With a status word they ask
 * after a complaint already made: "অভিযোগের অবস্থা" (the menu's own label),
 * "what happened to my complaint".
 *
 * @example COMPLAINT_NOUNS.includes('complaint') // true
 */
export const COMPLAINT_NOUNS: readonly string[] = ['অভিযোগ', 'নালিশ', 'complaint', 'grievance', 'ovijog', 'obhijog', 'abhijog', 'nalish'];

/**
 * Not receiving something: a complaint when it is about payments ("৩ মাস
 * ধরে ভাতা পাই না"), but a circumstance in a story of one's situation
 * ("বয়স ৬৮, স্বামী নাই, কোনো ভাতা পাই না"), where it is dropped.
 *
 * @example NOT_RECEIVING.includes('পাই না') // true
 */
export const NOT_RECEIVING: readonly string[] = [
  'পাইনি', 'পাই নাই', 'পাইনাই', 'পাচ্ছি না', 'পাচ্ছে না', 'পাচ্ছেন না', 'পাই না', 'পান না', 'পায় না', 'পায়না', 'পাইনা', 'পায়নি', 'পাননি',
  'আসে না', 'আসে নাই', 'আসেনি', 'not received', 'did not get', 'didnt get', 'not getting', 'dont get', 'doesnt get', 'does not get', 'do not get',
  'not receive', 'havent got', 'have not got', 'havent received', 'have not received', 'pai nai', 'paini', 'pai ni', 'pacchi na', 'pachhi na',
  'pai na', 'paina', 'pay na', 'pan na', 'painai', 'ase na', 'ase nai', 'ashe na', 'asheni',
];

/**
 * With a complaint noun, a past "complained" asks after it: "অভিযোগ দিয়েছিলাম, এখন কোথায়".
 *
 * @example COMPLAINED.includes('দিয়েছিলাম') // true
 */
export const COMPLAINED: readonly string[] = [
  'দিয়েছিলাম', 'করেছিলাম', 'দিছিলাম', 'করছিলাম', 'diyechilam', 'korechilam', 'korsilam', 'disilam', 'dichilam', 'complained', 'filed', 'lodged', 'made',
];

/**
 * Help words that only say one does not understand: beside a language word they ask for another language.
 *
 * @example NOT_UNDERSTOOD.includes('বুঝি না') // true
 */
export const NOT_UNDERSTOOD: readonly string[] = ['বুঝি না', 'বুঝতে পারছি না', 'bujhi na', 'bujhte parchi na'];

/**
 * With a complaint noun, news words ask after it: "অভিযোগের কি খবর".
 *
 * @example NEWS.includes('খবর') // true
 */
export const NEWS: readonly string[] = ['খবর', 'খোঁজ', 'khobor', 'news', 'update', 'আপডেট', 'দেখেছে', 'dekhse', 'dekheche'];

/**
 * Emoji that thank: alone, or with nothing else asked, a message of them is thanks.
 *
 * @example THANKS_EMOJI.includes('🙏') // true
 */
export const THANKS_EMOJI: readonly string[] = ['🙏', '👍', '❤', '♥', '💐', '🌹', '😊', '🥰', '👏', '🤲'];

/**
 * Status words too vague to outrank an eligibility question: "আমার অবস্থা খুব
 * খারাপ, ভাতা পাবো?" is about the allowance, not a status check.
 *
 * @example VAGUE_STATUS.includes('অবস্থা') // true
 */
export const VAGUE_STATUS: readonly string[] = ['অবস্থা', 'obostha', 'update', 'what happened', 'কী হয়েছে', 'কি হয়েছে', 'ki hoyeche'];

/**
 * The words that name one programme.
 *
 * @example { programme: 'widow', keywords: ['বিধবা', 'widow', 'bidhoba'] }
 */
export interface ProgrammeKeywords {
  programme: ProgrammeId;
  keywords: readonly string[];
}

/**
 * Every programme's names; when two unrelated programmes are named none is chosen.
 *
 * @example PROGRAMME_KEYWORDS.find((p) => p.programme === 'bede')?.keywords.includes('অনগ্রসর') // true
 */
export const PROGRAMME_KEYWORDS: readonly ProgrammeKeywords[] = [
  {
    programme: 'old_age',
    keywords: [
      'বয়স্ক', 'বয়স্ক ভাতা', 'বয়স্কভাতা', 'বৃদ্ধ', 'বৃদ্ধ ভাতা', 'বুড়ো', 'বুড়া', 'old age', 'elderly', 'senior citizen',
      'boyosko', 'boyoshko', 'boyosco', 'boiosko', 'boisko', 'boyska', 'briddho',
    ],
  },
  {
    programme: 'widow',
    keywords: [
      'বিধবা', 'বিধবা ভাতা', 'স্বামী পরিত্যক্তা', 'স্বামী নিগৃহীতা', 'স্বামী মারা গেছে', 'স্বামী মারা গেছেন', 'স্বামী মৃত',
      'widow', 'widowed', 'deserted', 'husband died', 'husband is dead', 'husband passed away', 'bidhoba', 'bidhoba vata', 'bidoba',
    ],
  },
  {
    programme: 'disability',
    keywords: [
      'প্রতিবন্ধী', 'প্রতিবন্ধি', 'প্রতিবন্ধিতা', 'প্রতিবন্ধী ভাতা', 'অটিজম', 'অটিস্টিক', 'সুবর্ণ কার্ড',
      'disability', 'disabled', 'handicapped', 'autism', 'autistic', 'protibondhi', 'protibondi', 'pratibandhi',
    ],
  },
  {
    programme: 'disability_stipend',
    keywords: ['উপবৃত্তি', 'শিক্ষা উপবৃত্তি', 'stipend', 'scholarship', 'upobritti', 'upobrritti', 'ubobritti'],
  },
  {
    programme: 'hijra',
    keywords: ['হিজড়া', 'হিজরা', 'তৃতীয় লিঙ্গ', 'hijra', 'hijda', 'third gender', 'transgender'],
  },
  {
    programme: 'bede',
    keywords: ['বেদে', 'অনগ্রসর', 'অনগ্রসর জনগোষ্ঠী', 'bede', 'bedey', 'onogroshor', 'backward community'],
  },
  {
    programme: 'patient_assistance',
    keywords: [
      'ক্যান্সার', 'ক্যানসার', 'কিডনি', 'কিডনী', 'লিভার সিরোসিস', 'সিরোসিস', 'স্ট্রোক', 'প্যারালাইসিস', 'থ্যালাসেমিয়া', 'হৃদরোগ',
      'রোগী', 'রোগি', 'চিকিৎসা সহায়তা', 'চিকিৎসা',
      'cancer', 'kidney', 'cirrhosis', 'stroke', 'paralysis', 'thalassemia', 'thalassaemia', 'patient', 'treatment',
      'rogi', 'chikitsa', 'chikitsha', 'kidni', 'kenser',
    ],
  },
];

/**
 * Someone other than the writer: relatives, neighbours, third-person pronouns.
 *
 * @example OTHER_PERSON.includes('মা') // true, and "মায়ের" matches it
 */
export const OTHER_PERSON: readonly string[] = [
  'মা', 'আম্মা', 'আম্মু', 'মাতা', 'বাবা', 'আব্বা', 'আব্বু', 'পিতা', 'দাদি', 'দাদী', 'নানি', 'নানী', 'দাদা', 'নানা', 'দাদু',
  'স্ত্রী', 'বউ', 'বৌ', 'স্বামী', 'ছেলে', 'মেয়ে', 'সন্তান', 'বোন', 'প্রতিবেশী', 'চাচা', 'চাচী', 'চাচি', 'খালা', 'খালু', 'মামা', 'মামী',
  'মামি', 'ফুফু', 'শ্বশুর', 'শাশুড়ি', 'শাশুড়ী', 'উনি', 'উনার', 'ওনার', 'তিনি', 'তার',
  'mother', 'mom', 'mum', 'father', 'dad', 'grandmother', 'grandfather', 'grandma', 'grandpa', 'wife', 'husband', 'son', 'daughter',
  'sister', 'neighbour', 'neighbor', 'aunt', 'uncle', 'he', 'she', 'him', 'his', 'her',
  'ma', 'amma', 'ammu', 'mayer', 'baba', 'abba', 'abbu', 'dadi', 'nani', 'dada', 'nana', 'bou', 'stri', 'shami', 'swami', 'chele', 'meye',
  'bon', 'protibeshi', 'chacha', 'khala', 'mama', 'uni', 'onar', 'unar',
];

/**
 * Relatives' words that are also how people address a stranger: "ভাই, আমি কি
 * ভাতা পাবো?" asks for the writer. They count only after a possessive
 * ("আমার ভাই") or with a case ending ("ভাইয়ের").
 *
 * @example ADDRESS_TERMS.includes('ভাই') // true
 */
export const ADDRESS_TERMS: readonly string[] = ['ভাই', 'ভাইয়া', 'bhai', 'vai', 'vaia', 'bhaiya', 'brother'];
/**
 * Words that make a following address term a relative.
 *
 * @example POSSESSIVES.includes('আমার') // true
 */
export const POSSESSIVES: readonly string[] = ['আমার', 'আমাদের', 'তার', 'ওনার', 'উনার', 'my', 'our', 'his', 'her', 'amar', 'amader'];

/**
 * The writer, including phrases about the writer's own circumstances that
 * mention a relative ("স্বামী মারা গেছে"); a relative named elsewhere still wins.
 *
 * @example SELF.includes('আমি') // true
 */
export const SELF: readonly string[] = [
  'আমি', 'আমার', 'আমাকে', 'নিজে', 'নিজের', 'i', 'me', 'my', 'myself', 'ami', 'amar', 'amake', 'nije', 'nijer',
  // The writer's own circumstances, though they name a relative.
  'ছেলে মেয়ে নেই', 'ছেলেমেয়ে নেই', 'স্বামী মারা গেছে', 'স্বামী মারা গেছেন', 'স্বামী মৃত', 'স্বামী নেই', 'স্বামী পরিত্যক্তা',
  'husband died', 'husband is dead', 'husband passed away', 'no children',
];
