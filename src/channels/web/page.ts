import { createHash } from 'node:crypto';
import type { Lang } from '../../engine/types.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A style element's text and the CSP source that allows exactly it (no 'unsafe-inline'). */
export interface InlineStyle {
  css: string;
  source: string;
}

export function inlineStyle(css: string): InlineStyle {
  return { css, source: `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'` };
}

/**
 * The light page's style: one column that fills the screen, the messages
 * scrolling above the input bar (so nothing is ever under it), at 320 px too.
 */
export function lightStyle(fontFace: string): InlineStyle {
  return inlineStyle(
    [
      fontFace,
      'html,body{height:100%}',
      'body{margin:0;display:flex;flex-direction:column;height:100vh;height:100dvh;font:18px/1.5 "Setu Bangla","Noto Sans Bengali",system-ui,sans-serif;background:#f3f5f2;color:#1b1f1b;overflow:hidden}',
      'header{flex:none;display:flex;align-items:center;gap:8px;background:#0b6e4f;color:#fff;padding:8px 12px}',
      'header h1{flex:1;min-width:0;margin:0;font-size:18px;font-weight:400;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}',
      'header a{color:#fff;font-size:16px;padding:4px 8px;border:1px solid #fff8;border-radius:8px;text-decoration:none}',
      '#log{flex:1;overflow-y:auto;overflow-x:hidden;overscroll-behavior:contain;-webkit-overflow-scrolling:touch}',
      '#inner{max-width:720px;margin:0 auto;padding:8px 10px 12px}',
      '.msg{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border-radius:12px;padding:8px 12px;margin:8px 24px 8px 0;box-shadow:0 1px 2px #0002}',
      '.me{background:#d7f0e3;margin:8px 0 8px 24px}',
      '.pending{opacity:.6}.failed{background:#fbe3e3}',
      '.choices{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}',
      'button{font:inherit;cursor:pointer}',
      '.choices button{max-width:100%;border:2px solid #0b6e4f;background:#fff;color:#0b6e4f;border-radius:20px;padding:6px 14px;text-align:left}',
      '.choices button:disabled{opacity:.45;cursor:default}',
      '.retry{display:block;margin:6px 0 0 auto;font-size:15px;border:1px solid #a33;background:#fff;color:#a33;border-radius:14px;padding:2px 10px}',
      '#dock{flex:none;background:#fff;box-shadow:0 -1px 4px #0002}',
      '#status{margin:0;padding:0 10px;color:#a33;font-size:15px;text-align:center}#status:empty{display:none}',
      '#tray,#recorder{display:flex;flex-wrap:wrap;gap:8px;padding:8px 10px 0}[hidden]{display:none!important}',
      '.pick,#voice,#recorder button{position:relative;overflow:hidden;border:1px solid #0b6e4f;border-radius:8px;background:#fff;color:#0b6e4f;padding:6px 10px;font-size:16px}',
      '.pick input{position:absolute;left:0;top:0;width:100%;height:100%;opacity:0;cursor:pointer}',
      '#recorder{align-items:center}#clock{flex:1}.dot{width:12px;height:12px;border-radius:50%;background:#c22}',
      'form{display:flex;gap:6px;padding:8px 10px;margin:0}',
      '#q{flex:1;min-width:0;font:inherit;padding:8px;border:1px solid #999;border-radius:8px}',
      '#more{flex:none;width:44px;border:1px solid #0b6e4f;border-radius:8px;background:#fff;color:#0b6e4f;font-size:22px;line-height:1}',
      '#send{flex:none;padding:8px 14px;border:0;border-radius:8px;background:#0b6e4f;color:#fff}',
    ].join('\n'),
  );
}

/** Words the script shows (offline, not sent, uploading…), all from locales/. */
function clientStrings(translator: Translator, lang: Lang): Record<string, string> {
  const t = (key: string): string => translator.t(key, lang);
  return {
    offline: t('web:offline'),
    notSent: t('web:not_sent'),
    slowDown: t('limits:slow_down'),
    uploading: t('web:uploading'),
    tooBig: t('web:too_big'),
    notAccepted: t('web:not_accepted'),
    photoSent: t('web:photo_sent'),
    voiceSent: t('web:voice_sent'),
    fileSent: t('web:file_sent'),
    noMicrophone: t('web:no_microphone'),
  };
}

export const localeOf = (lang: Lang): string => (lang === 'bn' ? 'bn-BD' : 'en-US');

/**
 * The light web chat, Setu's default page: a small hand-written Direct Line
 * client (a static script), no inline script, no CDN; every word from locales/.
 */
export function renderPage(translator: Translator, lang: Lang, assets: { script: string; style: InlineStyle }): string {
  const t = (key: string): string => escapeHtml(translator.t(key, lang));
  const config = escapeHtml(JSON.stringify({ locale: localeOf(lang), strings: clientStrings(translator, lang) }));
  const other: Lang = lang === 'bn' ? 'en' : 'bn';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, interactive-widget=resizes-content">
<title>${t('web:title')}</title>
<style>${assets.style.css}</style>
<script src="${escapeHtml(assets.script)}" defer></script>
</head>
<body>
<header><h1>${t('web:title')}</h1><a href="/?lang=${other}" hreflang="${other}" lang="${other}">${t('web:switch_lang')}</a></header>
<main id="log" aria-live="polite" data-config="${config}"><div id="inner"></div></main>
<div id="dock">
<p id="status" role="status"></p>
<div id="tray" hidden>
<label class="pick">${t('web:take_photo')}<input id="photo" type="file" accept="image/*" capture="environment"></label>
<label class="pick">${t('web:choose_file')}<input id="file" type="file" accept="image/*,audio/*"></label>
<button type="button" id="voice">${t('web:voice_note')}</button>
</div>
<div id="recorder" hidden><span class="dot"></span><span>${t('web:recording')}</span><span id="clock"></span><button type="button" id="stop">${t('web:stop_and_send')}</button><button type="button" id="cancel">${t('web:cancel')}</button></div>
<form id="bar" autocomplete="off">
<button type="button" id="more" aria-expanded="false" aria-controls="tray" aria-label="${t('web:attach')}" title="${t('web:attach')}">+</button>
<input id="q" aria-label="${t('web:placeholder')}" placeholder="${t('web:placeholder')}" enterkeyhint="send">
<button type="submit" id="send">${t('web:send')}</button>
</form>
</div>
</body>
</html>`;
}
