/*
 * Setu on any DSS website: a button in the corner that opens Setu's Web Chat
 * (/webchat) in a frame. Nothing is loaded from Setu until it is pressed.
 *   <script src="https://SETU-HOST/webchat/embed.js" data-lang="bn" async></script>
 * The frame is allowed only on the sites in Setu's WEBCHAT_FRAME_ANCESTORS.
 */
(function () {
  'use strict';
  var WORDS = __SETU_WORDS__;
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src).origin;
  var lang = script.getAttribute('data-lang') === 'en' ? 'en' : 'bn';
  var words = WORDS[lang];
  var frame = null;

  var button = document.createElement('button');
  button.type = 'button';
  button.id = 'setu-webchat-button';
  button.textContent = words.open;
  button.setAttribute('aria-expanded', 'false');
  var b = button.style;
  b.position = 'fixed';
  b.right = '16px';
  b.bottom = '16px';
  b.zIndex = '2147483000';
  b.padding = '12px 18px';
  b.border = '0';
  b.borderRadius = '24px';
  b.background = '#0b6e4f';
  b.color = '#fff';
  b.font = '16px/1.2 "Noto Sans Bengali", system-ui, sans-serif';
  b.boxShadow = '0 2px 8px rgba(0,0,0,.3)';
  b.cursor = 'pointer';

  function open() {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.src = origin + '/webchat' + (lang === 'en' ? '?lang=en' : '');
      frame.title = words.open;
      frame.id = 'setu-webchat-frame';
      var f = frame.style;
      f.position = 'fixed';
      f.right = '16px';
      f.bottom = '72px';
      f.zIndex = '2147483000';
      f.width = 'min(380px, calc(100vw - 32px))';
      f.height = 'min(600px, calc(100vh - 96px))';
      f.border = '0';
      f.borderRadius = '12px';
      f.boxShadow = '0 4px 16px rgba(0,0,0,.3)';
      f.background = '#f3f5f2';
      document.body.appendChild(frame);
      button.setAttribute('aria-controls', frame.id);
    }
    frame.style.display = 'block';
    button.textContent = words.close;
    button.setAttribute('aria-expanded', 'true');
  }

  function close() {
    frame.style.display = 'none';
    button.textContent = words.open;
    button.setAttribute('aria-expanded', 'false');
  }

  button.addEventListener('click', function () {
    if (frame && frame.style.display !== 'none') close();
    else open();
  });

  function add() { document.body.appendChild(button); }
  if (document.body) add();
  else document.addEventListener('DOMContentLoaded', add);
})();
