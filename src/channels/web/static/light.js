/*
 * Setu's light web chat: a small hand-written Direct Line 3.0 client for slow
 * phones. A token (from /v3/directline/tokens/generate) opens one conversation
 * made by the server; it is kept in this tab's sessionStorage and refreshed
 * before it expires. Replies are polled with a watermark. Every word shown
 * comes from the page (locales/), never from this file.
 */
(function () {
  'use strict';

  var API = '/v3/directline';
  var STORE = 'setu.directline';
  var REFRESH_MS = 15 * 60 * 1000;
  var MAX_UPLOAD = 10 * 1024 * 1024;
  var MAX_RECORDING_MS = 2 * 60 * 1000;

  var log = document.getElementById('log');
  var inner = document.getElementById('inner');
  var statusLine = document.getElementById('status');
  var form = document.getElementById('bar');
  var input = document.getElementById('q');
  var more = document.getElementById('more');
  var tray = document.getElementById('tray');
  var recorderBar = document.getElementById('recorder');
  var config = JSON.parse(log.getAttribute('data-config'));
  var S = config.strings;

  /** { conversationId, token, expiresAt } of this tab's conversation. */
  var session = null;
  var watermark = null;
  var lastChoices = null;
  var pollTimer = null;
  var lastActive = Date.now();
  /** Messages sent from this page, by their clientActivityID: their echo is not shown twice. */
  var mine = {};
  /** The first of Setu's replies since the person last wrote: what is scrolled to. */
  var firstReply = null;

  function randomId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }

  function save() {
    try { sessionStorage.setItem(STORE, JSON.stringify(session)); } catch (e) { /* private mode: the conversation lasts as long as the page */ }
  }

  function restore() {
    try {
      var s = JSON.parse(sessionStorage.getItem(STORE) || 'null');
      if (s && typeof s.conversationId === 'string' && typeof s.token === 'string' && typeof s.expiresAt === 'number' && s.expiresAt > Date.now() + 30000) return s;
    } catch (e) { /* nothing kept */ }
    return null;
  }

  function keep(body) {
    var seconds = typeof body.expires_in === 'number' ? body.expires_in : 1800;
    session = { conversationId: body.conversationId || (session && session.conversationId), token: body.token, expiresAt: Date.now() + seconds * 1000 };
    save();
  }

  function call(method, path, body, extra) {
    var headers = { authorization: 'Bearer ' + session.token };
    var init = { method: method, headers: headers, cache: 'no-store' };
    if (body !== undefined) {
      if (extra === 'form') init.body = body;
      else {
        headers['content-type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
    }
    return fetch(API + path, init);
  }

  function say(text) { statusLine.textContent = text || ''; }

  // ── The conversation: made once per tab, its token refreshed ───────────

  var starting = null;
  function begin() {
    if (starting) return starting;
    starting = (async function () {
      var made = await fetch(API + '/tokens/generate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: config.locale }), cache: 'no-store' });
      if (!made.ok) throw made;
      keep(await made.json());
      var opened = await call('POST', '/conversations', { locale: config.locale });
      if (!opened.ok) throw opened;
      keep(await opened.json());
      watermark = null;
    })();
    starting.then(function () { starting = null; }, function () { starting = null; });
    return starting;
  }

  /** A new token for the same conversation; a refused one (expired, unknown) means a new conversation. */
  var refreshing = null;
  function refresh() {
    if (!session) return begin().then(function () { return true; });
    if (refreshing) return refreshing;
    refreshing = (async function () {
      var r = await call('POST', '/tokens/refresh');
      if (r.ok) { keep(await r.json()); return true; }
      if (r.status === 403 || r.status === 401 || r.status === 404) {
        session = null;
        inner.textContent = '';
        lastChoices = null;
        await begin();
        return true;
      }
      return false;
    })();
    refreshing.then(function () { refreshing = null; }, function () { refreshing = null; });
    return refreshing;
  }

  setInterval(function () { if (session) refresh().catch(function () {}); }, REFRESH_MS);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') {
      lastActive = Date.now();
      if (session && session.expiresAt - Date.now() < REFRESH_MS) refresh().catch(function () {});
      schedule(0);
    }
  });

  // ── Showing messages ──────────────────────────────────────────────────

  function bubble(text, isMine) {
    var d = document.createElement('div');
    d.className = 'msg' + (isMine ? ' me' : '');
    d.textContent = text;
    inner.appendChild(d);
    return d;
  }

  /** The server names what it keeps (photo-1.jpg, voice-1.webm); a file just picked has its own type. */
  function attachmentLabel(a) {
    var t = a.contentType || '';
    var n = a.name || '';
    return t.indexOf('image/') === 0 || /^photo-/.test(n) ? S.photoSent : t.indexOf('audio/') === 0 || /^voice-/.test(n) ? S.voiceSent : S.fileSent;
  }

  function setGroup(group, on) {
    if (!group) return;
    var buttons = group.querySelectorAll('button');
    for (var i = 0; i < buttons.length; i += 1) buttons[i].disabled = !on;
  }

  function disableOld() {
    var buttons = inner.querySelectorAll('.choices button');
    for (var i = 0; i < buttons.length; i += 1) buttons[i].disabled = true;
    lastChoices = null;
  }

  function atBottom() { return log.scrollHeight - log.scrollTop - log.clientHeight < 8; }

  /**
   * Setu's replies to one message come one after another (an answer, its
   * details, then "what next?"): when they all fit they are shown to the last
   * button; otherwise from the top of the first, so the answer is read from
   * its start. The buttons follow on scrolling, above the input bar (it is
   * outside the scrolling part, so nothing is ever under it).
   */
  function reveal(first) {
    var above = first.getBoundingClientRect().top - log.getBoundingClientRect().top;
    var toEnd = log.scrollHeight - log.clientHeight - log.scrollTop;
    log.scrollTop += Math.min(toEnd, above - 4);
  }

  function render(activity) {
    if (activity.type !== 'message') return null;
    var fromUser = activity.from && activity.from.role === 'user';
    var client = activity.channelData && activity.channelData.clientActivityID;
    if (fromUser && client && mine[client]) return null;
    var text = activity.text || '';
    var files = (activity.attachments || []).map(attachmentLabel).join('\n');
    var d = bubble(text && files ? text + '\n' + files : text || files, fromUser);
    if (!fromUser) {
      var actions = activity.suggestedActions && activity.suggestedActions.actions;
      if (actions && actions.length) {
        disableOld();
        var group = document.createElement('div');
        group.className = 'choices';
        actions.forEach(function (a) {
          if (typeof a.value !== 'string' && typeof a.title !== 'string') return;
          var b = document.createElement('button');
          b.type = 'button';
          b.textContent = a.title || a.value;
          b.setAttribute('data-choice', String(a.value));
          b.onclick = function () { sendText(String(a.value !== undefined ? a.value : a.title), b.textContent); };
          group.appendChild(b);
        });
        d.appendChild(group);
        lastChoices = group;
      }
    }
    return d;
  }

  // ── Polling for replies ───────────────────────────────────────────────

  function schedule(ms) {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, ms);
  }

  /** Every second just after a message, then less often: a quiet page costs little on 2G. */
  function pause() {
    if (document.visibilityState === 'hidden') return 15000;
    var idle = Date.now() - lastActive;
    return idle < 30000 ? 1000 : idle < 120000 ? 3000 : 8000;
  }

  async function poll() {
    try {
      if (!session) await begin();
      var path = '/conversations/' + encodeURIComponent(session.conversationId) + '/activities' + (watermark !== null ? '?watermark=' + encodeURIComponent(watermark) : '');
      var r = await call('GET', path);
      if (r.status === 403 || r.status === 401 || r.status === 404) {
        // A new token (or, refused, a new conversation), then at once again; the server not answering: later.
        if (await refresh()) { schedule(0); return; }
        throw r;
      }
      if (!r.ok) throw r;
      var body = await r.json();
      var last = null;
      var fresh = false;
      (body.activities || []).forEach(function (a) {
        var d = render(a);
        if (!d) return;
        if (a.from && a.from.role === 'user') firstReply = null;
        else {
          fresh = true;
          firstReply = firstReply || d;
        }
        last = d;
      });
      if (typeof body.watermark === 'string' || typeof body.watermark === 'number') watermark = String(body.watermark);
      if (fresh) { lastActive = Date.now(); reveal(firstReply); }
      else if (last && atBottom()) log.scrollTop = log.scrollHeight;
      if (fresh || !queue.length) say('');
    } catch (e) {
      say(S.offline);
    }
    schedule(pause());
  }

  // ── Sending: one at a time, in order; a message not taken is tried again ──

  var queue = [];
  var pumping = false;

  function enqueue(item) {
    lastActive = Date.now();
    firstReply = null;
    item.tries = 0;
    item.group = lastChoices;
    queue.push(item);
    log.scrollTop = log.scrollHeight;
    pump();
  }

  function sendText(text, label) {
    var id = randomId();
    mine[id] = true;
    var el = bubble(label || text, true);
    el.classList.add('pending');
    enqueue({ el: el, activity: { type: 'message', from: { id: 'user', role: 'user' }, text: text, locale: config.locale, channelData: { clientActivityID: id } } });
  }

  function sendFile(blob, name) {
    if (blob.size > MAX_UPLOAD) { say(S.tooBig); return; }
    var id = randomId();
    mine[id] = true;
    var el = bubble(attachmentLabel({ contentType: blob.type, name: name }), true);
    el.classList.add('pending');
    enqueue({ el: el, file: blob, name: name, activity: { type: 'message', from: { id: 'user', role: 'user' }, locale: config.locale, channelData: { clientActivityID: id } } });
  }

  function post(item) {
    var path = '/conversations/' + encodeURIComponent(session.conversationId);
    if (!item.file) return call('POST', path + '/activities', item.activity);
    var data = new FormData();
    data.append('activity', new Blob([JSON.stringify(item.activity)], { type: 'application/vnd.microsoft.activity' }));
    data.append('file', item.file, item.name);
    return call('POST', path + '/upload?userId=user', data, 'form');
  }

  function failed(item, note) {
    item.el.classList.add('failed');
    say(note || S.offline);
    if (!item.el.querySelector('.retry')) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'retry';
      b.textContent = S.notSent;
      b.onclick = function () { if (item.wake) item.wake(); };
      item.el.appendChild(b);
    }
  }

  async function pump() {
    if (pumping) return;
    pumping = true;
    while (queue.length) {
      var item = queue[0];
      setGroup(item.group, false);
      var taken = false;
      var wait = 0;
      var note = null;
      try {
        if (!session) await begin();
        if (item.file) say(S.uploading);
        var r = await post(item);
        if ((r.status === 403 || r.status === 401 || r.status === 404) && !item.refreshed) {
          // The token ran out (a phone asleep for an hour): a new one, and the message again at once.
          item.refreshed = true;
          if (await refresh()) continue;
        }
        // 400, 413 and 415: this message can never be taken; anything else not 2xx is worth sending again.
        taken = r.ok || r.status === 400 || r.status === 413 || r.status === 415;
        if (r.status === 413) note = S.tooBig;
        if (r.status === 415) note = S.notAccepted;
        if (r.status === 429) {
          wait = (Number(r.headers.get('retry-after')) || 0) * 1000;
          note = S.slowDown;
        }
      } catch (e) { taken = false; }
      if (taken) {
        queue.shift();
        item.el.classList.remove('pending', 'failed');
        var retry = item.el.querySelector('.retry');
        if (retry) retry.remove();
        if (lastChoices === item.group) lastChoices = null;
        say(note || '');
        schedule(300);
        continue;
      }
      item.tries += 1;
      failed(item, note);
      setGroup(item.group, true);
      var delay = Math.max(wait, Math.min(30000, 1000 * Math.pow(2, item.tries - 1)));
      await new Promise(function (resolve) { item.wake = resolve; setTimeout(resolve, delay); });
      item.wake = null;
    }
    pumping = false;
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    sendText(text);
  });

  // ── Photos, files and voice notes ─────────────────────────────────────

  function closeTray() { tray.hidden = true; more.setAttribute('aria-expanded', 'false'); }
  more.addEventListener('click', function () {
    tray.hidden = !tray.hidden;
    more.setAttribute('aria-expanded', String(!tray.hidden));
  });

  /** A phone's photo is several megabytes: made at most 1600 px wide as JPEG first, a few hundred KB on 2G. */
  function shrink(file) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || file.size < 300 * 1024 || !window.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement('canvas');
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (b) { resolve(b && b.size < file.size ? b : file); }, 'image/jpeg', 0.8);
      });
    }).catch(function () { return file; });
  }

  function picked(e) {
    var files = Array.prototype.slice.call(e.target.files || []);
    e.target.value = '';
    closeTray();
    files.forEach(function (file) {
      shrink(file).then(function (b) { sendFile(b, b === file ? file.name : file.name.replace(/\.[^.]*$/, '') + '.jpg'); });
    });
  }
  document.getElementById('photo').addEventListener('change', picked);
  document.getElementById('file').addEventListener('change', picked);

  var voice = document.getElementById('voice');
  var recorder = null;
  var recordTimer = null;
  var keepRecording = false;
  var clock = document.getElementById('clock');
  var canRecord = !!(window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
  if (!canRecord) voice.hidden = true;

  function audioType() {
    var kinds = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4', 'audio/webm'];
    for (var i = 0; i < kinds.length; i += 1) if (MediaRecorder.isTypeSupported && MediaRecorder.isTypeSupported(kinds[i])) return kinds[i];
    return '';
  }

  voice.addEventListener('click', function () {
    closeTray();
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
      var type = audioType();
      var chunks = [];
      recorder = new MediaRecorder(stream, type ? { mimeType: type, audioBitsPerSecond: 24000 } : { audioBitsPerSecond: 24000 });
      keepRecording = true;
      recorder.ondataavailable = function (ev) { if (ev.data && ev.data.size) chunks.push(ev.data); };
      recorder.onstop = function () {
        stream.getTracks().forEach(function (t) { t.stop(); });
        clearInterval(recordTimer);
        recorderBar.hidden = true;
        form.hidden = false;
        if (!keepRecording || !chunks.length) return;
        var blob = new Blob(chunks, { type: (recorder.mimeType || type || 'audio/webm').split(';')[0] });
        var ext = blob.type === 'audio/mp4' ? 'm4a' : blob.type === 'audio/ogg' ? 'ogg' : 'webm';
        sendFile(blob, 'voice.' + ext);
      };
      var began = Date.now();
      clock.textContent = '0:00';
      recordTimer = setInterval(function () {
        var s = Math.floor((Date.now() - began) / 1000);
        clock.textContent = Math.floor(s / 60) + ':' + (s % 60 < 10 ? '0' : '') + (s % 60);
        if (Date.now() - began > MAX_RECORDING_MS && recorder.state === 'recording') recorder.stop();
      }, 500);
      form.hidden = true;
      recorderBar.hidden = false;
      recorder.start();
    }, function () { say(S.noMicrophone); });
  });
  document.getElementById('stop').addEventListener('click', function () { if (recorder && recorder.state === 'recording') recorder.stop(); });
  document.getElementById('cancel').addEventListener('click', function () {
    keepRecording = false;
    if (recorder && recorder.state === 'recording') recorder.stop();
  });

  // ── Start: this tab's conversation again (a reload shows it all), or a new one ──

  session = restore();
  // A token kept from before the reload may be near its end: a fresh one at once.
  if (session) refresh().catch(function () {});
  poll();
})();
