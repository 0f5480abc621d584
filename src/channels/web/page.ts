import type { Lang } from '../../engine/types.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The whole web chat: one small page, no build step, no CDN; every word from locales/. */
export function renderPage(translator: Translator, lang: Lang): string {
  const t = (key: string): string => escapeHtml(translator.t(key, lang));
  const strings = JSON.stringify({ offline: translator.t('web:offline', lang) }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('web:title')}</title>
<style>
  body { margin: 0; font: 18px/1.5 "Noto Sans Bengali", "Hind Siliguri", system-ui, sans-serif; background: #f3f5f2; color: #1b1f1b; }
  header { background: #0b6e4f; color: #fff; padding: 12px 16px; font-size: 20px; }
  #log { padding: 12px; max-width: 720px; margin: 0 auto 96px; }
  .msg { white-space: pre-wrap; background: #fff; border-radius: 12px; padding: 10px 14px; margin: 8px 40px 8px 0; box-shadow: 0 1px 2px #0002; }
  .me { background: #d7f0e3; margin: 8px 0 8px 40px; text-align: right; }
  .choices { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
  .choices button { font: inherit; border: 2px solid #0b6e4f; background: #fff; color: #0b6e4f; border-radius: 20px; padding: 6px 14px; cursor: pointer; }
  .choices button:disabled { opacity: .45; cursor: default; }
  form { position: fixed; bottom: 0; left: 0; right: 0; display: flex; gap: 8px; padding: 10px; background: #fff; box-shadow: 0 -1px 4px #0002; }
  input { flex: 1; font: inherit; padding: 10px; border: 1px solid #999; border-radius: 8px; }
  form button { font: inherit; padding: 10px 18px; border: 0; border-radius: 8px; background: #0b6e4f; color: #fff; }
  #status { color: #a33; text-align: center; min-height: 1.5em; }
</style>
</head>
<body>
<header>${t('web:title')}</header>
<div id="log" aria-live="polite"></div>
<div id="status"></div>
<form id="f" autocomplete="off">
  <input id="q" aria-label="${t('web:placeholder')}" placeholder="${t('web:placeholder')}">
  <button type="submit">${t('web:send')}</button>
</form>
<script>
const S = ${strings};
const log = document.getElementById('log'), q = document.getElementById('q'), statusLine = document.getElementById('status');
const rid = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
let userId = localStorage.getItem('setu.userId');
const fresh = !userId;
if (fresh) { userId = rid(); localStorage.setItem('setu.userId', userId); }
let after = 0;
function bubble(text, mine) { const d = document.createElement('div'); d.className = 'msg' + (mine ? ' me' : ''); d.textContent = text; log.appendChild(d); d.scrollIntoView(); return d; }
async function post(body) {
  const r = await fetch('/web/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId, messageId: rid(), ...body }) });
  if (r.status === 429) { statusLine.textContent = (await r.json()).message; return; }
  if (!r.ok) throw new Error(String(r.status));
}
function disableOld() { document.querySelectorAll('.choices button').forEach(b => b.disabled = true); }
async function poll() {
  try {
    const r = await fetch('/web/messages?userId=' + userId + '&after=' + after);
    const { messages } = await r.json();
    for (const m of messages) {
      after = m.id;
      const d = bubble(m.text, false);
      if (m.choices.length) {
        disableOld();
        const c = document.createElement('div'); c.className = 'choices';
        for (const ch of m.choices) {
          const b = document.createElement('button'); b.type = 'button'; b.textContent = ch.label; b.dataset.choice = ch.id;
          b.onclick = () => { disableOld(); bubble(ch.label, true); post({ choiceId: ch.id }).catch(offline); };
          c.appendChild(b);
        }
        d.appendChild(c);
      }
    }
    statusLine.textContent = '';
  } catch { offline(); }
  setTimeout(poll, 600);
}
function offline() { statusLine.textContent = S.offline; }
document.getElementById('f').onsubmit = (e) => {
  e.preventDefault();
  const text = q.value.trim(); if (!text) return;
  q.value = ''; disableOld(); bubble(text, true); post({ text }).catch(offline);
};
(fresh ? post({ start: true }) : Promise.resolve()).catch(offline).finally(poll);
</script>
</body>
</html>`;
}
