import type { RenderedMessage } from '../../infra/i18n/createTranslator.ts';

/** Choices become a numbered list: the user answers with the number (Bangla or Latin digits) or the words. */
export function formatForTerminal(message: RenderedMessage): string {
  const lines = [message.text];
  message.choices.forEach((c, i) => lines.push(`  ${numeral(i + 1, message.lang)}. ${c.label}`));
  return lines.join('\n');
}

function numeral(n: number, lang: 'bn' | 'en'): string {
  return lang === 'bn' ? new Intl.NumberFormat('bn').format(n) : String(n);
}
