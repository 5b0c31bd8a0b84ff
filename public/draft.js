// "Finish later" (finish-later.html) and "Continue a saved referral" (continue.html): static
// pages with this one script, not part of the wasm, so they cost the first load nothing (issue
// 15's budgets). The answers so far (the tab's session store, as the app keeps them) are saved
// in a file locked with a passphrase the person chooses: the key derived with PBKDF2-SHA-256
// (600,000 iterations) and the answers encrypted with AES-256-GCM, both by the browser's own
// Web Crypto. Nothing in the file is readable without the passphrase, and its name says only
// that it is a referral draft.
//
// The file, version 1 (JSON; binary values in base64):
//   {"format": "rj-referral-draft", "version": 1, "kdf": "PBKDF2-SHA-256", "iterations": 600000,
//    "salt": "...", "iv": "...", "data": "..."}
// where data is the AES-GCM ciphertext of the answers, with "rj-referral-draft 1" as additional
// data. A later version is refused rather than guessed at.
//
// These pages also offer quick exit, as every page of the wizard does; the session-store keys
// are the app's (src/browser.rs).
const FORMAT = 'rj-referral-draft';
const VERSION = 1;
const ITERATIONS = 600_000; // OWASP's figure for PBKDF2-HMAC-SHA-256 (2023)
const MAX_ITERATIONS = 10_000_000; // a damaged or hostile file must not keep the browser busy
// Decision (the issue is silent): at least 12 characters, as three random words make, since the
// file may be carried off and tried offline.
const MIN_PASSPHRASE = 12;
const FILE_NAME = 'referral-draft.json';
const ANSWERS = 'rj-referral-answers';
const EXITED = 'rj-referral-exited';
const WIPED = [ANSWERS, 'rj-referral-pending', 'rj-referral-started', 'rj-referral-sent'];
const SUFFIX = ' - Restorative Justice Service for Hampshire & Isle of Wight';

const store = (() => { try { return window.sessionStorage; } catch { return null; } })();
let exitUrl = 'https://www.bbc.co.uk/weather';
let idleMinutes = 30;

function exit() {
  document.body.replaceChildren();
  document.title = '';
  if (store) {
    for (const key of WIPED) store.removeItem(key);
    store.setItem(EXITED, exitUrl);
  }
  try { window.top.location.replace(exitUrl); } catch { window.location.replace(exitUrl); }
}

// After quick exit, a return to these pages in that tab goes on to the neutral page too.
const exited = store?.getItem(EXITED);
if (exited) {
  document.body.replaceChildren();
  window.location.replace(exited);
} else {
  start();
}

function start() {
  // The configured neutral page, if it is https (as the app's configuration check requires).
  fetch('/config.json').then((r) => r.json()).then((c) => {
    if (typeof c.exit_url === 'string' && new URL(c.exit_url).protocol === 'https:') exitUrl = c.exit_url;
    if (Number.isInteger(c.idle_minutes) && c.idle_minutes >= 1 && c.idle_minutes <= 1440) idleMinutes = c.idle_minutes;
  }).catch(() => {});
  watchIdle();
  document.getElementById('rj-exit').addEventListener('click', exit);
  // Shift pressed three separate times within 5 seconds, as in the app (src/quick_exit.rs).
  const progress = document.getElementById('rj-exit-progress');
  let presses = 0;
  let first = 0;
  addEventListener('keydown', (e) => {
    if (e.repeat) return;
    if (e.key !== 'Shift') { presses = 0; progress.textContent = ''; return; }
    const now = Date.now();
    if (presses === 0 || now - first > 5000) { presses = 0; first = now; }
    presses += 1;
    if (presses >= 3) exit();
    else progress.textContent = presses === 1 ? 'Shift, press 2 more times to exit.' : 'Shift, press 1 more time to exit.';
  });
  // Links on this site replace this page in the history rather than add to it, as in the app.
  addEventListener('click', (e) => {
    const link = e.target.closest?.('a[href]');
    if (!link || e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    if (link.origin !== location.origin || link.hash) return;
    e.preventDefault();
    location.replace(link.href);
  });
  document.querySelector('.rj-skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    document.getElementById('main-content').focus();
  });
  const form = document.getElementById('draft');
  const resume = form.dataset.mode === 'resume';
  const answers = store?.getItem(ANSWERS) ?? '';
  if (!resume && new URLSearchParams(answers).get('referrer') === 'self') {
    document.getElementById('trace').hidden = false;
  }
  let busy = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (busy) return;
    const passphrase = form.elements.passphrase.value;
    try {
      busy = true;
      if (resume) {
        const file = form.elements.draft_file.files[0];
        if (!file) throw refusal('draft_file', 'Choose the file you saved with “Finish later”');
        if (!passphrase) throw refusal('passphrase', 'Enter the passphrase you chose when you saved the file');
        const restored = await unlock(await file.text(), passphrase);
        store?.setItem(ANSWERS, restored);
        // The check page sends the person on to the first question still to answer.
        location.replace('/check');
      } else {
        if ([...passphrase].length < MIN_PASSPHRASE) throw refusal('passphrase', 'Enter a passphrase of at least 12 characters, such as three words you will remember');
        if (form.elements.passphrase_again.value !== passphrase) throw refusal('passphrase_again', 'The passphrases do not match: type the same passphrase twice');
        if (!answers) throw refusal('passphrase', 'There are no answers in this browser tab to save');
        let file;
        try { file = await lock(answers, passphrase); } catch { throw refusal('passphrase', 'This browser could not lock the file. Try another browser, or call us'); }
        const link = document.createElement('a');
        link.href = `data:application/json;charset=utf-8,${encodeURIComponent(file)}`;
        link.download = FILE_NAME;
        link.click();
        show(null);
        const saved = document.getElementById('saved');
        saved.hidden = false;
        saved.focus();
      }
    } catch (problem) {
      if (!problem.field) throw problem;
      show(problem);
    } finally {
      busy = false;
    }
  });
}

/** The inactivity warning and wipe, as in the app (src/idle.rs): a modal dialog
 * after `idle_minutes` without input in this tab, then the answers cleared 2 minutes later. */
function watchIdle() {
  const dialog = document.getElementById('rj-idle');
  let last = Date.now();
  for (const type of ['keydown', 'pointerdown', 'input']) addEventListener(type, () => { last = Date.now(); });
  dialog.querySelector('button').addEventListener('click', () => { last = Date.now(); dialog.close(); });
  setInterval(() => {
    const idle = Date.now() - last;
    const holding = Boolean(store?.getItem(ANSWERS));
    if (holding && idle >= idleMinutes * 60_000 + 120_000) {
      dialog.close();
      for (const key of WIPED) store.removeItem(key);
      // The app's start page says nothing is kept; the answers are gone.
      location.replace('/');
    } else if (holding && idle >= idleMinutes * 60_000) {
      if (!dialog.open) dialog.showModal();
    } else if (dialog.open) {
      dialog.close();
    }
  }, 1000);
}

function refusal(field, message) {
  return Object.assign(new Error(message), { field });
}

/** Shows `problem` ({field, message}) in an error summary and by its field, or clears it. */
function show(problem) {
  const summary = document.getElementById('problem');
  summary.replaceChildren();
  for (const old of document.querySelectorAll('.rj-error-message')) old.remove();
  const h1 = document.querySelector('main h1');
  document.title = (problem ? 'Error: ' : '') + h1.textContent + SUFFIX;
  if (!problem) return;
  summary.innerHTML = '<div class="rj-error-summary" tabindex="-1"><div role="alert"><h2 class="rj-error-summary__title">There is a problem</h2><ul class="rj-error-summary__list"><li><a></a></li></ul></div></div>';
  const link = summary.querySelector('a');
  link.href = `#${problem.field}`;
  link.textContent = problem.message;
  link.addEventListener('click', (e) => { e.preventDefault(); document.getElementById(problem.field).focus(); });
  const error = document.createElement('p');
  error.className = 'rj-error-message';
  error.id = `${problem.field}-error`;
  error.innerHTML = '<span class="rj-visually-hidden">Error: </span>';
  error.append(problem.message);
  const input = document.getElementById(problem.field);
  input.before(error);
  summary.firstChild.focus();
}

const encoder = new TextEncoder();
const additionalData = encoder.encode(`${FORMAT} ${VERSION}`);
const toBase64 = (bytes) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function deriveKey(passphrase, salt, iterations) {
  const base = await crypto.subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', salt, iterations, hash: 'SHA-256' }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

async function lock(answers, passphrase) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(passphrase, salt, ITERATIONS);
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, encoder.encode(answers)));
  return JSON.stringify({ format: FORMAT, version: VERSION, kdf: 'PBKDF2-SHA-256', iterations: ITERATIONS, salt: toBase64(salt), iv: toBase64(iv), data: toBase64(data) });
}

/** The answers in `text`, unlocked with `passphrase`, or a refusal naming the field to fix. */
async function unlock(text, passphrase) {
  const damaged = refusal('draft_file', 'The file is not a saved referral, or it is damaged. Choose the file you saved with “Finish later”');
  let file;
  try { file = JSON.parse(text); } catch { throw damaged; }
  if (file?.format !== FORMAT) throw damaged;
  if (typeof file.version === 'number' && file.version > VERSION) {
    throw refusal('draft_file', 'The file was saved by a newer version of this form, which this page cannot read. Reload the page and try again, or call us');
  }
  const { iterations } = file;
  if (file.version !== VERSION || file.kdf !== 'PBKDF2-SHA-256' || !Number.isInteger(iterations) || iterations < ITERATIONS || iterations > MAX_ITERATIONS) throw damaged;
  let salt, iv, data;
  try { [salt, iv, data] = [fromBase64(file.salt), fromBase64(file.iv), fromBase64(file.data)]; } catch { throw damaged; }
  if (iv.length !== 12) throw damaged;
  try {
    const key = await deriveKey(passphrase, salt, iterations);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, key, data);
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    // AES-GCM cannot tell a wrong key from changed bytes; the message says both.
    throw refusal('passphrase', 'The passphrase does not open this file, or the file is damaged. Check the passphrase and try again (capital letters and spaces count)');
  }
}
