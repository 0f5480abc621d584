import { assertDateKeys, type WorkCalendar } from './workingDays.ts';

/*
 * Bangladesh government office holidays for 2025 and 2026, for counting GRS
 * working days. Only days offices close count: general holidays (সাধারণ ছুটি)
 * and holidays by executive order (নির্বাহী আদেশে ছুটি). Optional holidays
 * (ঐচ্ছিক ছুটি) are left out, since offices stay open on them.
 *
 * The government's annual holiday gazette (Ministry of Public Administration,
 * published each November) and later executive orders decide. Islamic
 * holidays move with the moon and are fixed only when the moon is sighted;
 * Hindu and Buddhist ones follow the lunar calendar too. All of those are
 * `estimated: true`: the date is the one announced in advance or reported,
 * and may be a day off. Update this file each year from the gazette.
 *
 * Left out on purpose:
 * - 7 March, 15 August (National Mourning Day) and 17 March (Sheikh Mujib's
 *   birthday / National Children's Day): the interim government cancelled
 *   these holidays and national days in October 2024; some calendars online
 *   still show them, and the 2026 gazette puts Shab-e-Qadr on 17 March.
 * - 13 April 2026 (Chaitra Sankranti): one unofficial list shows it; not
 *   confirmed by any report of the gazette.
 *
 * Holidays on a Friday or Saturday change nothing (the weekend rule closes
 * those days already) but are kept so the list reads like the gazette.
 */

/**
 * One holiday. `kind` is 'fixed' for Gregorian dates, 'lunar' for dates set
 * by the moon, 'special' for one-off closures such as an election.
 *
 * @example { date: '2026-12-16', name: 'Victory Day', nameBn: 'বিজয় দিবস', kind: 'fixed', estimated: false, source: 'Gregorian date' }
 */
export interface Holiday {
  date: string;
  name: string;
  nameBn: string;
  kind: 'fixed' | 'lunar' | 'special';
  estimated: boolean;
  source: string;
}

// Sources used more than once (stored copies of public pages).
const FIXED = 'fixed Gregorian date in every annual holiday list';
const LIST_2025 = 'tbsnews.net "5-day holiday for Eid-ul-Fitr, 6-day for Eid-ul-Adha, 2-day for Durga Puja" (advisory council, 17 Oct 2024)';
// Single-day lunar holidays of 2025 whose exact dates no stored source gave.
const RECALLED_2025 = 'date as commonly reported for the 2025 list; not checked against the gazette';
const SYLHET_2025 = 'ahcisylhet.gov.in 2025 holiday list (Muharram 6 July, Janmashtami 16 August)';
const DURGA_2025 = `${LIST_2025}; time.astrosage.com (Durga Puja 2 Oct 2025)`;
const EID_FITR_2025 = 'bssnews.net/news-flash/258770; rtvonline.com/english/bangladesh/national/267623';
const EID_ADHA_2025 = 'morenewsbd.com/public/en/national/3170 (10-day holiday, offices open Sat 17 and 24 May)';
const JULY_DAY = 'Cabinet Division notification of 2 July 2025 (fns24.com/single/27565; auznews24.com): general holiday every 5 August';
const LIST_2026 = 'Ministry of Public Administration list of 9 Nov 2025 (ekhon.tv/article/6911b6d3a293882965c3f96c; en.prothomalo.com/bangladesh/government/uj1g63f9y7)';
const LIST_2026_DATES = 'banglatipsandtricks.com/2025/11/2026-govt-holiday-calendar-bangladesh.html (dates of the 2026 list)';
const EID_FITR_2026 = 'dainikpurbokone.net/national/568503 (Eid holidays 19–23 March, Shab-e-Qadr 17 March)';
const FEB_2026 = 'bd24live.com/public-holiday-extended-further-due-to-election/ (31 Jan 2026)';

const fixed = (date: string, name: string, nameBn: string, source = FIXED): Holiday => ({
  date, name, nameBn, kind: 'fixed', estimated: false, source,
});
const lunar = (date: string, name: string, nameBn: string, source: string): Holiday => ({
  date, name, nameBn, kind: 'lunar', estimated: true, source,
});

/**
 * Office holidays in 2025 and 2026, in date order.
 *
 * @example HOLIDAYS.find((h) => h.date === '2026-03-26')?.name // 'Independence Day'
 */
export const HOLIDAYS: readonly Holiday[] = [
  // 2025
  lunar('2025-02-15', 'Shab-e-Barat', 'শবে বরাত', RECALLED_2025),
  fixed('2025-02-21', "Shaheed Day and International Mother Language Day", 'শহীদ দিবস ও আন্তর্জাতিক মাতৃভাষা দিবস'),
  fixed('2025-03-26', 'Independence Day', 'স্বাধীনতা ও জাতীয় দিবস'),
  lunar('2025-03-28', 'Shab-e-Qadr and Jumatul Bida', 'শবে কদর ও জুমাতুল বিদা', EID_FITR_2025),
  lunar('2025-03-29', 'Eid ul-Fitr holiday', 'ঈদুল ফিতরের ছুটি', EID_FITR_2025),
  lunar('2025-03-30', 'Eid ul-Fitr holiday', 'ঈদুল ফিতরের ছুটি', EID_FITR_2025),
  lunar('2025-03-31', 'Eid ul-Fitr', 'ঈদুল ফিতর', EID_FITR_2025),
  lunar('2025-04-01', 'Eid ul-Fitr holiday', 'ঈদুল ফিতরের ছুটি', EID_FITR_2025),
  lunar('2025-04-02', 'Eid ul-Fitr holiday', 'ঈদুল ফিতরের ছুটি', EID_FITR_2025),
  lunar('2025-04-03', 'Eid ul-Fitr holiday (executive order)', 'ঈদুল ফিতরের ছুটি (নির্বাহী আদেশ)', EID_FITR_2025),
  fixed('2025-04-14', 'Pohela Boishakh (Bangla New Year)', 'পহেলা বৈশাখ'),
  fixed('2025-05-01', 'May Day', 'মে দিবস'),
  lunar('2025-05-11', 'Buddha Purnima', 'বুদ্ধ পূর্ণিমা', `${RECALLED_2025} (may be 12 May)`),
  lunar('2025-06-05', 'Eid ul-Adha holiday', 'ঈদুল আজহার ছুটি', EID_ADHA_2025),
  lunar('2025-06-06', 'Eid ul-Adha holiday', 'ঈদুল আজহার ছুটি', EID_ADHA_2025),
  lunar('2025-06-07', 'Eid ul-Adha', 'ঈদুল আজহা', EID_ADHA_2025),
  lunar('2025-06-08', 'Eid ul-Adha holiday', 'ঈদুল আজহার ছুটি', EID_ADHA_2025),
  lunar('2025-06-09', 'Eid ul-Adha holiday', 'ঈদুল আজহার ছুটি', EID_ADHA_2025),
  lunar('2025-06-10', 'Eid ul-Adha holiday', 'ঈদুল আজহার ছুটি', EID_ADHA_2025),
  lunar('2025-06-11', 'Eid ul-Adha holiday', 'ঈদুল আজহার ছুটি', EID_ADHA_2025),
  lunar('2025-06-12', 'Eid ul-Adha holiday', 'ঈদুল আজহার ছুটি', EID_ADHA_2025),
  lunar('2025-07-06', 'Ashura', 'আশুরা', SYLHET_2025),
  fixed('2025-08-05', 'July Mass Uprising Day', 'জুলাই গণঅভ্যুত্থান দিবস', JULY_DAY),
  lunar('2025-08-16', 'Janmashtami', 'জন্মাষ্টমী', SYLHET_2025),
  lunar('2025-09-05', 'Eid-e-Miladunnabi', 'ঈদে মিলাদুন্নবী', `${RECALLED_2025} (5 or 6 Sep, a weekend either way)`),
  lunar('2025-10-01', 'Durga Puja (Nabami, executive order)', 'দুর্গাপূজা (নবমী)', DURGA_2025),
  lunar('2025-10-02', 'Durga Puja (Bijoya Dashami)', 'দুর্গাপূজা (বিজয়া দশমী)', DURGA_2025),
  fixed('2025-12-16', 'Victory Day', 'বিজয় দিবস'),
  fixed('2025-12-25', 'Christmas Day', 'যিশুখ্রিস্টের জন্মদিন (বড়দিন)'),

  // 2026
  lunar('2026-02-04', 'Shab-e-Barat', 'শবে বরাত', FEB_2026),
  { date: '2026-02-11', name: 'National election holiday', nameBn: 'জাতীয় সংসদ নির্বাচনের ছুটি', kind: 'special', estimated: false, source: FEB_2026 },
  { date: '2026-02-12', name: 'National election day', nameBn: 'জাতীয় সংসদ নির্বাচন', kind: 'special', estimated: false, source: FEB_2026 },
  fixed('2026-02-21', "Shaheed Day and International Mother Language Day", 'শহীদ দিবস ও আন্তর্জাতিক মাতৃভাষা দিবস'),
  lunar('2026-03-17', 'Shab-e-Qadr', 'শবে কদর', EID_FITR_2026),
  lunar('2026-03-19', 'Eid ul-Fitr holiday', 'ঈদুল ফিতরের ছুটি', EID_FITR_2026),
  lunar('2026-03-20', 'Eid ul-Fitr holiday and Jumatul Bida', 'ঈদুল ফিতরের ছুটি ও জুমাতুল বিদা', EID_FITR_2026),
  lunar('2026-03-21', 'Eid ul-Fitr', 'ঈদুল ফিতর', EID_FITR_2026),
  lunar('2026-03-22', 'Eid ul-Fitr holiday', 'ঈদুল ফিতরের ছুটি', EID_FITR_2026),
  lunar('2026-03-23', 'Eid ul-Fitr holiday', 'ঈদুল ফিতরের ছুটি', EID_FITR_2026),
  fixed('2026-03-26', 'Independence Day', 'স্বাধীনতা ও জাতীয় দিবস'),
  fixed('2026-04-14', 'Pohela Boishakh (Bangla New Year)', 'পহেলা বৈশাখ'),
  fixed('2026-05-01', 'May Day', 'মে দিবস'),
  // Buddha Purnima falls on May Day this year (LIST_2026); one date, one entry.
  lunar('2026-05-26', 'Eid ul-Adha holiday', 'ঈদুল আজহার ছুটি', LIST_2026_DATES),
  lunar('2026-05-27', 'Eid ul-Adha', 'ঈদুল আজহা', LIST_2026_DATES),
  lunar('2026-05-28', 'Eid ul-Adha holiday', 'ঈদুল আজহার ছুটি', LIST_2026_DATES),
  lunar('2026-05-29', 'Eid ul-Adha holiday', 'ঈদুল আজহার ছুটি', LIST_2026_DATES),
  lunar('2026-05-30', 'Eid ul-Adha holiday', 'ঈদুল আজহার ছুটি', LIST_2026_DATES),
  lunar('2026-05-31', 'Eid ul-Adha holiday', 'ঈদুল আজহার ছুটি', LIST_2026_DATES),
  lunar('2026-06-26', 'Ashura', 'আশুরা', LIST_2026_DATES),
  fixed('2026-08-05', 'July Mass Uprising Day', 'জুলাই গণঅভ্যুত্থান দিবস', JULY_DAY),
  lunar('2026-08-26', 'Eid-e-Miladunnabi', 'ঈদে মিলাদুন্নবী', LIST_2026_DATES),
  lunar('2026-09-04', 'Janmashtami', 'জন্মাষ্টমী', LIST_2026_DATES),
  lunar('2026-10-20', 'Durga Puja (Nabami, executive order)', 'দুর্গাপূজা (নবমী)', LIST_2026_DATES),
  lunar('2026-10-21', 'Durga Puja (Bijoya Dashami)', 'দুর্গাপূজা (বিজয়া দশমী)', LIST_2026_DATES),
  fixed('2026-12-16', 'Victory Day', 'বিজয় দিবস'),
  fixed('2026-12-25', 'Christmas Day', 'যিশুখ্রিস্টের জন্মদিন (বড়দিন)'),
];

/**
 * Weekend dates on which offices were ordered open, with their source.
 *
 * @example WORKING_WEEKEND_DAYS[0]?.date // '2025-05-17'
 */
export const WORKING_WEEKEND_DAYS: readonly { date: string; source: string }[] = [
  { date: '2025-05-17', source: EID_ADHA_2025 },
  { date: '2025-05-24', source: EID_ADHA_2025 },
];

/**
 * The Bangladesh office calendar: Friday and Saturday weekend, the holidays
 * above, plus any `extraHolidays` ('YYYY-MM-DD' Dhaka dates) such as a closure
 * announced after this file was written. Throws on a malformed date.
 *
 * @example defaultCalendar(['2026-12-31']).holidays.has('2026-12-31') // true
 */
export function defaultCalendar(extraHolidays: readonly string[] = []): WorkCalendar {
  assertDateKeys(extraHolidays);
  return {
    weekend: [5, 6],
    holidays: new Set([...HOLIDAYS.map((h) => h.date), ...extraHolidays]),
    workingDays: new Set(WORKING_WEEKEND_DAYS.map((d) => d.date)),
  };
}
