#!/usr/bin/env node
// Trunk post-build hook. Makes the built app run under a strict Content Security Policy on any
// static host and load in as few requests as possible:
// - Trunk's inline boot script is replaced by two lines appended to wasm-bindgen's JS module, so
//   no inline script remains (the policy needs no 'unsafe-inline' and no hashes) and the app
//   starts from one script, loaded with Subresource Integrity;
// - the wasm is fetched with its integrity checked (browsers ignore integrity on the preload
//   link Trunk writes, so that link goes);
// - the exports of wasm-streams' classes go from the wasm, and their classes from the script:
//   Leptos's server functions always bring them, this app has none, and nothing calls them;
//   without the exports wasm-opt drops their code (BENCHMARKS.md);
// - the app's script and stylesheets are minified (esbuild), which takes 2.2 kB off the first
//   load's brotli (BENCHMARKS.md). Not Trunk's own `minify`: it also rewrites index.html, and
//   it leaves wasm-bindgen's script as it is;
// - the start page, drawn natively by the app's own components (`rj-prerender start`, see
//   src/prerender.rs), is written into index.html, so it is on screen before the wasm arrives;
//   app.html, which the receiver answers the step paths with, gets the page's frame alone
//   (`rj-prerender frame`), so a reload or a link to a step does not flash the start page;
// - every file gets brotli and gzip twins, which the receiver serves as they are.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { transformSync } from 'esbuild';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('csp-hook: TRUNK_STAGING_DIR is not set (run it from Trunk)');
const fail = (why) => { throw new Error(`csp-hook: ${why}`); };
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const indexPath = path.join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const preload = html.match(/<link rel="preload" href="([^"]+\.wasm)"[^>]*integrity="([^"]+)"[^>]*>/) ?? fail('no wasm preload link in index.html');
const [preloadTag, wasmUrl] = preload;
const modulePreload = html.match(/<link rel="modulepreload" href="\/([^"]+\.js)"[^>]*>/) ?? fail('no modulepreload link in index.html');
const [modulePreloadTag, glueName] = modulePreload;
const inline = html.match(/<script type="module">[\s\S]*?<\/script>/) ?? fail('no inline boot script in index.html');

// wasm-metadce keeps what the exports named here reach; wasm-opt then drops the rest. Its
// passes: Trunk's (-Oz --converge, index.html) with binaryen's flatten and re-reloop between,
// which rebuild the control flow from scratch and take 0.9 kB more off the first load's brotli
// (BENCHMARKS.md).
const unused = /^(__wbg_)?intounderlying/;
const wasmPath = path.join(dir, path.basename(wasmUrl));
const exports = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(wasmPath))).map((e) => e.name);
if (!exports.some((name) => unused.test(name))) fail('the wasm no longer exports wasm-streams\' classes: take their removal out');
const work = mkdtempSync(path.join(tmpdir(), 'csp-hook-'));
const graph = [{ name: 'outside', root: true, reaches: exports.filter((name) => !unused.test(name)) }]
  .concat(exports.map((name) => ({ name, export: name })));
writeFileSync(path.join(work, 'graph.json'), JSON.stringify(graph));
execFileSync('wasm-metadce', [wasmPath, '-f', path.join(work, 'graph.json'), '-o', path.join(work, 'dce.wasm')], { stdio: ['ignore', 'ignore', 'inherit'] });
execFileSync('wasm-opt', [path.join(work, 'dce.wasm'), '-Oz', '--flatten', '--rereloop', '-Oz', '--converge', '-o', wasmPath], { stdio: 'inherit' });
rmSync(work, { recursive: true });
const wasmIntegrity = sri(readFileSync(wasmPath));

let glue = readFileSync(path.join(dir, glueName), 'utf8');
if (!glue.includes('export { initSync, __wbg_init as default };')) fail(`${glueName} no longer exports __wbg_init`);
glue = glue.replace(/^export class (IntoUnderlying\w+) \{[\s\S]*?^if \(Symbol\.dispose\) \1\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;\n/gm, '')
  .replace(/^const IntoUnderlying\w+Finalization = [^;]*;\n/gm, '');
if (glue.includes('IntoUnderlying')) fail(`${glueName}: wasm-streams' classes are written differently now: remove them again`);
// After quick exit (src/browser.rs sets rj-referral-exited), a return to the wizard in that tab
// goes straight on to the neutral page again, before the wasm is even fetched.
const start = `${glue}\n// Start the app (appended by scripts/csp-hook.mjs in place of Trunk's inline script).\n`
  + `let exited = null; try { exited = sessionStorage.getItem('rj-referral-exited'); } catch {}\n`
  + `if (exited) { document.body.replaceChildren(); try { top.location.replace(exited); } catch { location.replace(exited); } }\n`
  + `else await __wbg_init({ module_or_path: fetch('${wasmUrl}', { integrity: '${wasmIntegrity}' }) });\n`;
const minify = (code, loader) => transformSync(code, { loader, minify: true, target: 'es2022', legalComments: 'none' }).code;
const app = minify(start, 'js');
const appName = `app-${createHash('sha256').update(app).digest('hex').slice(0, 16)}.js`;
writeFileSync(path.join(dir, appName), app);
rmSync(path.join(dir, glueName));

html = html.replace(preloadTag, preloadTag.replace(/ integrity="[^"]+"/, '')).replace(modulePreloadTag, '')
  .replace(inline[0], `<script type="module" src="/${appName}" integrity="${sri(app)}" crossorigin="anonymous"></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) fail('an inline script is left in index.html');
// The stylesheets, minified in place: Trunk's hashed one (its integrity in index.html written
// again) and the copy the static pages link to.
for (const name of readdirSync(dir).filter((n) => n.endsWith('.css'))) {
  // esbuild leaves a custom property's text as written: the space after its colon goes too.
  const css = minify(readFileSync(path.join(dir, name), 'utf8'), 'css').replace(/(--rj-[\w-]+): /g, '$1:');
  writeFileSync(path.join(dir, name), css);
  const link = new RegExp(`(<link rel="stylesheet" href="/${name.replace(/\./g, '\\.')}" integrity=")[^"]+"`);
  if (name !== 'main.css') html = link.test(html) ? html.replace(link, `$1${sri(css)}"`) : fail(`no integrity for ${name} in index.html`);
}
const marker = '<!-- rj-prerender -->';
if (!html.includes(marker)) fail(`no ${marker} in index.html`);
const prerender = (what) => execFileSync('cargo', ['run', '--quiet', '--bin', 'rj-prerender', '--', what], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
// Comments and blank lines are for whoever reads index.html (and the renderer's markers for a
// hydration the app does not do), not for the person waiting for it on a poor signal: about
// 100 B of the first load's brotli (BENCHMARKS.md).
const page = (drawn) => html.replace(marker, () => drawn).replace(/<!--[\s\S]*?-->|<!>/g, '').replace(/\n\s+/g, '\n');
writeFileSync(path.join(dir, 'app.html'), page(prerender('frame')));
html = page(prerender('start'));
writeFileSync(indexPath, html);

for (const name of readdirSync(dir)) {
  if (!/\.(html|js|css|wasm|json)$/.test(name)) continue;
  const bytes = readFileSync(path.join(dir, name));
  writeFileSync(path.join(dir, `${name}.br`), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
  writeFileSync(path.join(dir, `${name}.gz`), gzipSync(bytes, { level: 9 }));
}
console.log(`csp-hook: the app starts from ${appName} (no inline script), wasm-streams' exports dropped, wasm fetched with SRI, start page prerendered, files precompressed`);
