#!/usr/bin/env node
// Trunk post-build hook: makes the built app run under a strict Content Security Policy on any
// static host. Trunk writes an inline module script to start the app; this moves it into a file
// of its own, loaded with Subresource Integrity, so the policy needs no 'unsafe-inline' and no
// hashes, and fetches the wasm with its integrity checked too.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('csp-hook: TRUNK_STAGING_DIR is not set (run it from Trunk)');
const indexPath = path.join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;

// The wasm's integrity, from the preload link Trunk wrote. Browsers ignore integrity on such a
// preload, so the link goes, and the boot script's own fetch checks it instead.
const preload = html.match(/<link rel="preload" href="([^"]+\.wasm)"[^>]*integrity="([^"]+)"[^>]*>/);
if (!preload) throw new Error('csp-hook: no wasm preload link in index.html');
const [preloadTag, wasmUrl, wasmIntegrity] = preload;
html = html.replace(preloadTag, '');

const inline = html.match(/<script type="module">([\s\S]*?)<\/script>/);
if (!inline) throw new Error('csp-hook: no inline module script in index.html');
let boot = inline[1].trim();
const call = `init({ module_or_path: '${wasmUrl}' })`;
if (!boot.includes(call)) throw new Error(`csp-hook: the boot script no longer calls ${call}`);
boot = boot.replace(call, `init({ module_or_path: fetch('${wasmUrl}', { integrity: '${wasmIntegrity}' }) })`) + '\n';

const bootName = `boot-${createHash('sha256').update(boot).digest('hex').slice(0, 16)}.js`;
writeFileSync(path.join(dir, bootName), boot);
html = html.replace(inline[0], `<script type="module" src="/${bootName}" integrity="${sri(boot)}" crossorigin="anonymous"></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error('csp-hook: an inline script is left in index.html');
writeFileSync(indexPath, html);
console.log(`csp-hook: moved the boot script to ${bootName}; the wasm is fetched with its integrity checked`);
