import { placeByCode } from '../../domain/geo/index.ts';
import { COUNTRY } from '../../domain/officers/jurisdiction.ts';
import type { Lang } from '../../engine/types.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';

/** An officer's area, or a case's place, by name in the reader's language: the country for headquarters and admins. */
export function areaName(translator: Pick<Translator, 't'>, code: string, lang: Lang): string {
  if (code === COUNTRY) return translator.t('officer:country', lang);
  const place = placeByCode(code);
  return (lang === 'bn' ? place?.nameBn : place?.nameEn) ?? code;
}
