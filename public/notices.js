/*
 * Quick exit on the notices pages (privacy, accessibility, cover your tracks), as in the wizard:
 * the tab's answers are deleted and the neutral page replaces this one in the history (of the
 * partner's page too, inside a frame), and the tab is marked as the wizard marks it
 * (rj-referral-exited, src/browser.rs), so a return to any page of the wizard in that tab goes
 * on to the neutral page again. Shift pressed 3 times does the same. Without JavaScript,
 * "Exit this page" is still a link to the neutral page. The link names the default neutral page
 * (rj_core::config::DEFAULT_EXIT_URL), not config.json's: reading that would cost a request
 * on every notices page and could still be loading when the person needs to leave.
 */
(function () {
  'use strict';
  var EXITED = 'rj-referral-exited';
  var link = document.querySelector('[data-rj-exit]');
  if (!link) return;
  var exited = null;
  try { exited = window.sessionStorage.getItem(EXITED); } catch (e) { /* no storage: no mark */ }
  if (exited) {
    document.body.replaceChildren();
    window.location.replace(exited);
    return;
  }

  function leave(event) {
    if (event) event.preventDefault();
    document.body.replaceChildren();
    try {
      window.sessionStorage.clear();
      window.sessionStorage.setItem(EXITED, link.href);
    } catch (e) { /* storage refused to this frame: nothing kept */ }
    try { window.top.location.replace(link.href); } catch (e) { window.location.replace(link.href); }
  }
  link.addEventListener('click', leave);

  // Shift pressed three separate times within 5 seconds, as in the wizard and on GOV.UK: a held
  // key's repeats do not count, any other key starts the count again.
  var presses = [];
  document.addEventListener('keydown', function (event) {
    if (event.repeat) return;
    if (event.key !== 'Shift') { presses = []; return; }
    var now = Date.now();
    presses = presses.concat(now).filter(function (t) { return now - t <= 5000; });
    if (presses.length >= 3) leave();
  });
})();
