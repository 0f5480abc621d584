import type { Lang } from '../../engine/types.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';
import { escapeHtml, localeOf } from './page.ts';
import { WEBCHAT_STRING_KEYS } from './webchatStrings.ts';

/** Setu's colours and font, in Web Chat's own style options. */
const STYLE_OPTIONS = {
  primaryFont: '"Setu Bangla","Noto Sans Bengali",system-ui,sans-serif',
  accent: '#0b6e4f',
  backgroundColor: '#f3f5f2',
  bubbleBackground: '#ffffff',
  bubbleBorderRadius: 12,
  bubbleFromUserBackground: '#d7f0e3',
  bubbleFromUserBorderRadius: 12,
  bubbleMinHeight: 0,
  // Every choice on screen at once, wrapped, rather than a carousel with arrows.
  suggestedActionLayout: 'flow',
  suggestedActionBorderColor: '#0b6e4f',
  suggestedActionBorderWidth: 2,
  suggestedActionBorderRadius: 20,
  suggestedActionTextColor: '#0b6e4f',
  suggestedActionBackgroundColor: '#ffffff',
  suggestedActionBackgroundColorOnHover: '#e6f3ec',
  sendBoxButtonColor: '#0b6e4f',
  sendBoxButtonColorOnHover: '#0b6e4f',
  sendBoxHeight: 48,
  hideUploadButton: false,
  uploadAccept: 'image/*,audio/*',
  uploadMultiple: false,
} as const;

export function webChatStyle(fontFace: string): string {
  return [
    fontFace,
    'html,body{height:100%;margin:0}',
    'body{display:flex;flex-direction:column;font:16px/1.4 "Setu Bangla","Noto Sans Bengali",system-ui,sans-serif;background:#f3f5f2;color:#1b1f1b}',
    'header{flex:none;display:flex;align-items:center;gap:8px;background:#0b6e4f;color:#fff;padding:6px 12px}',
    'header h1{flex:1;min-width:0;margin:0;font-size:17px;font-weight:400;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}',
    'header a{color:#fff;font-size:14px}',
    '#webchat{flex:1;min-height:0}',
    // Web Chat 4.18.1 renders react-scroll-to-bottom without its nonce prop, so that library's one rule (the
    // transcript's scroll view) is refused by the CSP: it is restated here, under the page's nonce.
    '.webchat__basic-transcript__scrollable{height:100%;overflow-y:auto;width:100%}',
    '#loading{padding:24px 16px;text-align:center}',
  ].join('\n');
}

/** Web Chat's strings in one language, from locales/{lang}/webchat.json. */
export function webChatStrings(translator: Translator, lang: Lang): Record<string, string> {
  return Object.fromEntries(WEBCHAT_STRING_KEYS.map((key) => [key, translator.t(`webchat:${key}`, lang)]));
}

/**
 * The Web Chat page (`/webchat`) for any DSS website: Web Chat's prebuilt
 * bundle and a small start script, both served by Setu; Bangla UI through
 * `overrideLocalizedStrings`. The nonce lets Web Chat's own style elements in
 * (it writes its CSS at run time) and nothing else.
 */
export function renderWebChatPage(
  translator: Translator,
  lang: Lang,
  assets: { bundle: string; script: string; style: string; nonce: string },
): string {
  const t = (key: string): string => escapeHtml(translator.t(key, lang));
  const config = escapeHtml(
    JSON.stringify({
      locale: localeOf(lang),
      strings: webChatStrings(translator, lang),
      styleOptions: STYLE_OPTIONS,
      failed: translator.t('web:webchat_failed', lang),
    }),
  );
  const light = lang === 'en' ? '/?lang=en' : '/';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, interactive-widget=resizes-content">
<title>${t('web:title')}</title>
<style nonce="${assets.nonce}">${assets.style}</style>
<script src="${escapeHtml(assets.bundle)}" defer></script>
<script src="${escapeHtml(assets.script)}" nonce="${assets.nonce}" defer></script>
</head>
<body>
<header><h1>${t('web:title')}</h1><a href="${light}">${t('web:light_link')}</a></header>
<main id="webchat" data-config="${config}"><p id="loading" role="status">${t('web:webchat_loading')}</p></main>
</body>
</html>`;
}
