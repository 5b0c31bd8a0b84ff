/*
 * Embeds the referral wizard of the Restorative Justice Service for Hampshire & Isle of Wight.
 * Paste, where the wizard should appear:
 *
 *   <div data-rj-referral data-referrer="probation">
 *     <a href="https://WIZARD/?referrer=probation">Refer to restorative justice</a>, or call 0800 043 8785.
 *   </div>
 *   <script src="https://WIZARD/embed.js" async></script>
 *
 * Optional attributes: data-referrer, data-case-type (presets), data-brand (a colour such as
 * #1d5f8a; refused if its contrast with white is under 4.5:1), data-font (font family names),
 * data-title (the frame's title). Without JavaScript the placeholder's own content shows.
 * The frame tells this page nothing but its height, and only a number from the wizard's own
 * origin is accepted as one.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var wizard = new URL(script.src).origin;

  function embed(placeholder) {
    var params = new URLSearchParams();
    [['referrer', 'referrer'], ['case-type', 'case_type'], ['brand', 'brand'], ['font', 'font']].forEach(function (pair) {
      var value = placeholder.getAttribute('data-' + pair[0]);
      if (value) params.set(pair[1], value);
    });
    params.set('parent', window.location.origin);
    var frame = document.createElement('iframe');
    frame.src = wizard + '/?' + params.toString();
    frame.title = placeholder.getAttribute('data-title') || 'Refer to restorative justice';
    // Scripts, its own storage and forms; downloads and printing for "keep a copy"; and the top
    // page, so quick exit can leave the partner's page too.
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-downloads allow-modals allow-top-navigation');
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.style.width = '100%';
    frame.style.minHeight = '300px';
    frame.style.border = '0';
    frame.style.height = '800px';
    window.addEventListener('message', function (event) {
      if (event.origin !== wizard || event.source !== frame.contentWindow) return;
      var height = event.data;
      if (typeof height !== 'number' || !isFinite(height) || height < 0 || height > 100000) return;
      frame.style.height = Math.ceil(height) + 'px';
    });
    placeholder.replaceChildren(frame);
  }

  Array.prototype.forEach.call(document.querySelectorAll('[data-rj-referral]'), embed);
})();
