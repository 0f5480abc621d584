import type { PlaceLevel } from './places.ts';

/**
 * Other spellings people type for a place, in Latin letters or Bangla: old
 * English names from before the 2018 renaming (Comilla, Chittagong, Barisal,
 * Bogra, Jessore), Banglish (chottogram, moymonsingho) and common Bangla
 * misspellings (যশোহর, চট্রগ্রাম). `name` is the place's English name as this
 * module spells it; `levels` says which places of that name are meant (a
 * division and its district often share a name). Spellings the phonetic key
 * already folds together (Gopalganj/Gopalgonj) still belong here when people
 * really use them: the table documents what is expected to match.
 */
export interface PlaceAlias {
  name: string;
  levels: readonly PlaceLevel[];
  variants: readonly string[];
}

const DV_DS: readonly PlaceLevel[] = ['division', 'district'];
const DS: readonly PlaceLevel[] = ['district'];

export const PLACE_ALIASES: readonly PlaceAlias[] = [
  // Divisions, and the districts that share their names.
  { name: 'Barishal', levels: DV_DS, variants: ['Barisal', 'Borishal', 'Borisal', 'Barishal', 'বরিসাল'] },
  {
    name: 'Chattogram',
    levels: DV_DS,
    variants: ['Chittagong', 'Chattagram', 'Chottogram', 'Chatgaon', 'Chittagang', 'ctg', 'চট্রগ্রাম', 'চাটগাঁ', 'চিটাগাং'],
  },
  { name: 'Dhaka', levels: DV_DS, variants: ['Dacca', 'Daka', 'ঢাকা'] },
  { name: 'Khulna', levels: DV_DS, variants: ['Kulna'] },
  {
    name: 'Mymensingh',
    levels: DV_DS,
    variants: ['Moymonsingh', 'Moymonsingho', 'Mymensing', 'Maimansingh', 'Mymansing', 'ময়মনসিং', 'ময়মনসিংহো'],
  },
  { name: 'Rajshahi', levels: DV_DS, variants: ['Rajshai', 'Rajsahi', 'রাজশাহি'] },
  { name: 'Rangpur', levels: DV_DS, variants: ['Rongpur'] },
  { name: 'Sylhet', levels: DV_DS, variants: ['Shylet', 'Silet', 'Sylet', 'Shilet', 'Sileth'] },
  // Districts.
  { name: 'Cumilla', levels: DS, variants: ['Comilla', 'Kumilla', 'Cumilla'] },
  { name: 'Bogura', levels: DS, variants: ['Bogra', 'Bogora', 'বগুরা'] },
  { name: 'Jashore', levels: DS, variants: ['Jessore', 'Jessor', 'Joshor', 'Jashor', 'যশোহর'] },
  { name: 'Jhenaidah', levels: DS, variants: ['Jhenaidaha', 'Jhinaidah', 'Jhenida', 'ঝিনাইদা'] },
  {
    name: 'Chapainawabganj',
    levels: DS,
    variants: ['Chapai Nawabganj', 'Chapai', 'Nawabganj', 'Chapainababganj', 'Chapai Nababganj', 'চাঁপাই নবাবগঞ্জ', 'চাঁপাই'],
  },
  { name: "Cox's Bazar", levels: DS, variants: ['Coxsbazar', 'Cox Bazar', 'Coxbazar', 'Koxbazar', 'কক্সবাজার'] },
  { name: 'Netrokona', levels: DS, variants: ['Netrakona', 'Netrokuna', 'নেত্রকোনা'] },
  { name: 'Narsingdi', levels: DS, variants: ['Narshingdi', 'Narsindi', 'নরসিংদি'] },
  { name: 'Brahmanbaria', levels: DS, variants: ['B.Baria', 'B Baria', 'Brahmonbaria', 'বি বাড়িয়া', 'বি.বাড়িয়া'] },
  { name: 'Moulvibazar', levels: DS, variants: ['Maulvibazar', 'Moulavibazar', 'Moulovibazar', 'মৌলবীবাজার'] },
  { name: 'Habiganj', levels: DS, variants: ['Hobiganj', 'Hobigonj'] },
  { name: 'Kishoreganj', levels: DS, variants: ['Kishorganj', 'Kishorgonj'] },
  { name: 'Lakshmipur', levels: DS, variants: ['Laxmipur', 'Lokkhipur', 'Lakshipur', 'লক্ষীপুর'] },
  { name: 'Noakhali', levels: DS, variants: ['Nowakhali', 'Noakhali'] },
  { name: 'Jhalakathi', levels: DS, variants: ['Jhalokati', 'Jhalokathi', 'Jhalakati', 'ঝালকাঠী'] },
  { name: 'Gopalganj', levels: DS, variants: ['Gopalgonj'] },
  { name: 'Sirajganj', levels: DS, variants: ['Serajganj', 'Sirajgonj'] },
  { name: 'Thakurgaon', levels: DS, variants: ['Thakurgao', 'ঠাকুরগাও'] },
  { name: 'Panchagarh', levels: DS, variants: ['Panchagar', 'Panchogor'] },
  { name: 'Manikganj', levels: DS, variants: ['Manikgonj'] },
  { name: 'Munshiganj', levels: DS, variants: ['Munshigonj', 'Munsiganj'] },
  { name: 'Narayanganj', levels: DS, variants: ['Narayangonj', 'Narayongonj', 'নারায়নগঞ্জ'] },
  { name: 'Shariatpur', levels: DS, variants: ['Sariatpur', 'Shoriotpur'] },
  { name: 'Satkhira', levels: DS, variants: ['Shatkhira', 'Sathkhira'] },
  { name: 'Natore', levels: DS, variants: ['Nator', 'Nattor'] },
  { name: 'Naogaon', levels: DS, variants: ['Nogaon', 'Naogao', 'নওগা'] },
  { name: 'Joypurhat', levels: DS, variants: ['Jaipurhat'] },
  { name: 'Khagrachhari', levels: DS, variants: ['Khagrachari', 'Khagrachori'] },
  { name: 'Rangamati', levels: DS, variants: ['Rangamati', 'Rangamatti'] },
  { name: 'Sunamganj', levels: DS, variants: ['Sunamgonj'] },
  { name: 'Gaibandha', levels: DS, variants: ['Gaibanda'] },
  { name: 'Chandpur', levels: DS, variants: ['Chadpur'] },
  { name: 'Tangail', levels: DS, variants: ['Tangail', 'Tangile'] },
  // Upazilas.
  { name: 'Zianagar', levels: ['upazila'], variants: ['Indurkani', 'ইন্দুরকানী'] }, // renamed; the package keeps the old name
];
