// How easy the wizard's words are to read, for a person referring themselves: prints the
// Flesch reading ease of every question, hint, choice, error, reason and headline the core
// words (from `cargo run -p rj-core --example texts`), and of them all together, and fails
// when the whole falls below MIN_OVERALL or any one sentence-length text below MIN_EACH.
// Scores by text-readability (a port of Python's textstat). Why these thresholds: README.
import { execFileSync } from 'node:child_process';
import rs from 'text-readability';

const MIN_OVERALL = 78; // near "easy" (80 to 90, a reading age of about 11): no change may make it harder
const MIN_EACH = 30; // any one text under this is hard for most readers, whatever its length

// The names of services, orders and offences must be read as they are; the reader knows each
// as a whole. Each one text is scored with them as a one-syllable word (the whole is not).
const NAMES = /restorative justice|restorative practice|youth justice service|community safety partnership|victim contact scheme|anti-social behaviour|out of court disposal|non-molestation order|restraining order|domestic abuse|sexual violence|mediation|organisation supporting victims|hampshire|isle of wight|probation service|\(optional\)/gi;

const texts = JSON.parse(execFileSync('cargo', ['run', '--quiet', '-p', 'rj-core', '--example', 'texts'], { encoding: 'utf8' }));
// A formula of sentence and word length means little for a text of one or two words.
const sentence = (t) => t.split(/\s+/).length >= 4;
const ended = (t) => (/[.!?]$/.test(t) ? t : `${t}.`);
const rows = texts.map(({ where, text }) => ({ where, score: rs.fleschReadingEase(ended(text.replace(NAMES, 'it'))), text }));
for (const r of rows.sort((a, b) => a.score - b.score)) {
  console.log(`${r.score.toFixed(1).padStart(6)}  ${r.where.padEnd(34)} ${r.text}`);
}
const overall = rs.fleschReadingEase(texts.map(({ text }) => ended(text)).join(' '));
const hard = rows.filter((r) => sentence(r.text) && r.score < MIN_EACH);
console.log(`\n${texts.length} texts; reading ease of them all together: ${overall.toFixed(1)} (at least ${MIN_OVERALL}); texts under ${MIN_EACH}: ${hard.length}`);
if (overall < MIN_OVERALL || hard.length) {
  for (const r of hard) console.error(`too hard (${r.score.toFixed(1)}): ${r.where}: ${r.text}`);
  process.exit(1);
}
