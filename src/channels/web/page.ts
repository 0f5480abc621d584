import type { Lang } from '../../engine/types.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The whole web chat: one small page, no build step, no CDN; every word from locales/. */
export function renderPage(translator: Translator, lang: Lang): string {
  const t = (key: string): string => escapeHtml(translator.t(key, lang));
  const strings = JSON.stringify({ offline: translator.t('web:offline', lang), notSent: translator.t('web:not_sent', lang) }).replace(/</g, '\\u003c');
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
  .me.pending { opacity: .6; }
  .me.failed { background: #fbe3e3; }
  .retry { display: block; margin: 6px 0 0 auto; font: inherit; font-size: 15px; border: 1px solid #a33; background: #fff; color: #a33; border-radius: 14px; padding: 2px 10px; cursor: pointer; }
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
function bubble(text, mine, scroll = true) { const d = document.createElement('div'); d.className = 'msg' + (mine ? ' me' : ''); d.textContent = text; log.appendChild(d); if (scroll) d.scrollIntoView(); return d; }
// Messages go out one at a time, in order, each under one id until the server takes it: a message sent while the
// server restarts (or cannot write) is shown as not sent, tried again with growing pauses or at once from its
// retry button, and the server recognises a repeat by its id.
const queue = [];
let pumping = false;
let lastChoices = null;
// The buttons of the question a message answers: off while it is on its way, usable again if it was not taken.
function setGroup(group, on) { if (group) group.querySelectorAll('button').forEach(b => b.disabled = !on); }
function send(body, label) {
  const el = bubble(label, true); el.classList.add('pending');
  queue.push({ body: { userId, messageId: rid(), lang: document.documentElement.lang, ...body }, el, group: lastChoices, tries: 0, wake: null });
  pump();
}
function failed(item) {
  item.el.classList.add('failed');
  if (item.note) { statusLine.textContent = item.note; item.note = null; } else offline();
  if (!item.el.querySelector('.retry')) {
    const b = document.createElement('button'); b.type = 'button'; b.className = 'retry'; b.textContent = S.notSent;
    b.onclick = () => { if (item.wake) item.wake(); };
    item.el.appendChild(b);
  }
}
async function pump() {
  if (pumping) return;
  pumping = true;
  while (queue.length) {
    const item = queue[0];
    setGroup(item.group, false);
    let taken = false;
    try {
      const r = await fetch('/web/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(item.body) });
      // 400: this message can never be taken; anything else not 2xx is worth sending again.
      taken = r.ok || r.status === 400;
      // Too many messages from this address: the server says so in both languages, and when to try again.
      if (r.status === 429) { item.note = (await r.json().catch(() => ({}))).message; item.wait = Number(r.headers.get('retry-after')) * 1000 || 0; }
    } catch { taken = false; }
    if (taken) {
      queue.shift();
      item.el.classList.remove('pending', 'failed');
      item.el.querySelector('.retry')?.remove();
      if (lastChoices === item.group) lastChoices = null;
      statusLine.textContent = '';
      continue;
    }
    item.tries += 1;
    failed(item);
    setGroup(item.group, true);
    const pause = Math.max(item.wait || 0, Math.min(30000, 1000 * 2 ** (item.tries - 1)));
    item.wait = 0;
    await new Promise(resolve => { item.wake = resolve; setTimeout(resolve, pause); });
    item.wake = null;
  }
  pumping = false;
}
function disableOld() { document.querySelectorAll('.choices button').forEach(b => b.disabled = true); lastChoices = null; }
async function poll() {
  try {
    const r = await fetch('/web/messages?userId=' + userId + '&after=' + after);
    const { messages } = await r.json();
    // Several replies at once (an answer, then its details): the top of the first is what shows; the person scrolls on.
    let first = null;
    for (const m of messages) {
      after = m.id;
      const d = bubble(m.text, false, false);
      first = first || d;
      if (m.choices.length) {
        disableOld();
        const c = document.createElement('div'); c.className = 'choices';
        for (const ch of m.choices) {
          const b = document.createElement('button'); b.type = 'button'; b.textContent = ch.label; b.dataset.choice = ch.id;
          b.onclick = () => send({ choiceId: ch.id }, ch.label);
          c.appendChild(b);
        }
        d.appendChild(c);
        lastChoices = c;
      }
    }
    if (first) first.scrollIntoView({ block: 'start' });
    statusLine.textContent = '';
  } catch { offline(); }
  setTimeout(poll, 600);
}
function offline() { statusLine.textContent = S.offline; }
document.getElementById('f').onsubmit = (e) => {
  e.preventDefault();
  const text = q.value.trim(); if (!text) return;
  q.value = ''; send({ text }, text);
};
if (fresh) { queue.push({ body: { userId, messageId: rid(), lang: document.documentElement.lang, start: true }, el: document.createElement('div'), group: null, tries: 0, wake: null }); pump(); }
poll();
</script>
</body>
</html>`;
}
