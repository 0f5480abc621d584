import type { Lang } from '../../engine/types.ts';

/** A date as officers read it, in Dhaka time. */
export function formatDate(d: Date, lang: Lang, withTime = false): string {
  return new Intl.DateTimeFormat(lang === 'bn' ? 'bn-BD' : 'en-GB', { dateStyle: 'medium', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: 'Asia/Dhaka' }).format(d);
}

