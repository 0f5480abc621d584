/*
 * Starts Web Chat on Setu's /webchat page: a token from Setu's own Direct
 * Line (/v3/directline/tokens/generate makes a conversation on the server),
 * then Web Chat's prebuilt bundle with Setu's words (overrideLocalizedStrings)
 * and colours. Web Chat refreshes the token itself every 15 minutes; the tab
 * keeps it (sessionStorage), so a reload goes on with the same conversation.
 */
(function () {
  'use strict';

  var API = '/v3/directline';
  var STORE = 'setu.webchat';
  var script = document.currentScript;
  // Web Chat writes its CSS into style elements at run time: they carry the page's nonce, nothing else may.
  var nonce = (script && script.nonce) || undefined;
  var root = document.getElementById('webchat');
  var loading = document.getElementById('loading');
  var config = JSON.parse(root.getAttribute('data-config'));

  function failed() {
    if (loading) loading.textContent = config.failed;
  }

  function kept() {
    try {
      var s = JSON.parse(sessionStorage.getItem(STORE) || 'null');
      if (s && typeof s.conversationId === 'string' && typeof s.token === 'string') return s;
    } catch (e) { /* nothing kept */ }
    return null;
  }

  function keep(conversationId, token) {
    try { sessionStorage.setItem(STORE, JSON.stringify({ conversationId: conversationId, token: token })); } catch (e) { /* private mode */ }
  }

  function json(r) {
    if (!r.ok) throw new Error('Direct Line ' + r.status);
    return r.json();
  }

  /** This tab's conversation with a fresh token, or null when it is gone or its token ran out. */
  function resume(s) {
    return fetch(API + '/tokens/refresh', { method: 'POST', headers: { authorization: 'Bearer ' + s.token }, cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (b) { return b && b.conversationId === s.conversationId ? { conversationId: s.conversationId, token: b.token, resumed: true } : null; })
      .catch(function () { return null; });
  }

  function fresh() {
    return fetch(API + '/tokens/generate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale: config.locale }),
      cache: 'no-store',
    }).then(json);
  }

  if (!window.WebChat) {
    failed();
    return;
  }

  var before = kept();
  (before ? resume(before) : Promise.resolve(null))
    .then(function (resumed) { return resumed || fresh(); })
    .then(function (body) {
      var options = {
        token: body.token,
        domain: location.origin + API,
        webSocket: false,
        pollingInterval: 1000,
        // The welcome comes in the page's language.
        conversationStartProperties: { locale: config.locale },
      };
      if (body.resumed) options.conversationId = body.conversationId;
      var directLine = window.WebChat.createDirectLine(options);
      keep(body.conversationId, body.token);
      // Web Chat's own refresh changes the token: the newest is kept for a reload.
      var save = function () { if (directLine.token) keep(body.conversationId, directLine.token); };
      window.addEventListener('pagehide', save);
      setInterval(save, 60 * 1000);
      if (loading) loading.remove();
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          locale: config.locale,
          overrideLocalizedStrings: config.strings,
          styleOptions: config.styleOptions,
          nonce: nonce,
          sendTypingIndicator: false,
        },
        root,
      );
    })
    .catch(failed);
})();
