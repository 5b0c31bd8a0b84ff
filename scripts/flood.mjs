#!/usr/bin/env node
// Flood run of the receiver, on loopback only, bounded in count and time. A fresh receiver with
// its real limits (no --rate-limit given); one client (127.0.0.1) posts `count` distinct valid
// referrals, `concurrency` at a time, while another (127.0.0.3) holds 300 idle sockets open
// (more than the receiver's 256 connections in all), opening another as each is closed;
// meanwhile a person on another address (127.0.0.2) sends 3 referrals as the app does (tried again on 409, 429, 5xx
// and no answer, waiting as Retry-After says). Prints requests sent, 201s, 429s, other answers,
// referrals stored, and whether every referral the person sent was stored at once (within 5 s);
// exits 1 unless it was, and unless what was stored is exactly what was acknowledged.
// Usage: node scripts/flood.mjs [count] [concurrency]   (after `cargo build --release -p rj-receiver`)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readableReference } from './reference.mjs';

const COUNT = Number(process.argv[2] ?? 1000);
const CONCURRENCY = Number(process.argv[3] ?? 50);
const IDLE_SOCKETS = 300;
/** The longest a person's referral may take, sent during the flood: "at once". */
const PERSON_MS = 5_000;
const DEADLINE_MS = 60_000;
const BIN = 'target/release/rj-receiver';
const example = JSON.parse(readFileSync('schema/examples/referral.json', 'utf8'));
const dir = mkdtempSync(path.join(tmpdir(), 'rj-flood-'));
const db = path.join(dir, 'referrals.sqlite3');
const started = Date.now();

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});
const port = await freePort();
// `serve` needs a key to seal referrals with; this one is thrown away with the directory.
const key = path.join(dir, 'receiver.key');
execFileSync(BIN, ['keygen', '--out', key], { stdio: 'ignore' });
const receiver = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`, '--db', db, '--dist', 'dist', '--key-file', key], { stdio: ['ignore', 'pipe', 'inherit'] });
receiver.stdout.resume();
await new Promise((resolve, reject) => {
  receiver.stdout.once('data', resolve);
  receiver.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
});

/** One POST from `localAddress`; resolves to the status and Retry-After, or 0 for no answer. */
function post(referral, localAddress) {
  const body = JSON.stringify({ ...referral, website: '', elapsed_ms: 600_000 });
  return new Promise((resolve) => {
    const request = http.request({
      host: '127.0.0.1', port, path: '/api/referrals', method: 'POST', localAddress, timeout: 15_000,
      headers: { 'content-type': 'application/json', 'idempotency-key': referral.reference, 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode, retryAfter: Number(response.headers['retry-after'] ?? 0) }));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve({ status: 0, retryAfter: 0 }));
    request.end(body);
  });
}

// Idle sockets, each opened again as the receiver closes it, until the flood is over.
let flooding = true;
const idle = new Set();
function idleSocket() {
  const socket = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.3' }).on('error', () => {});
  idle.add(socket);
  socket.on('close', () => { idle.delete(socket); if (flooding) idleSocket(); });
}
for (let i = 0; i < IDLE_SOCKETS; i++) idleSocket();

const counts = { sent: 0, created: 0, limited: 0, other: 0 };
const created = new Set();
let next = 0;
async function flooder() {
  while (next < COUNT && Date.now() - started < DEADLINE_MS) {
    next += 1;
    const referral = { ...example, reference: readableReference() };
    const { status } = await post(referral, '127.0.0.1');
    counts.sent += 1;
    if (status === 201) { counts.created += 1; created.add(referral.reference); } else if (status === 429) counts.limited += 1; else counts.other += 1;
  }
}

/** A person's referral, sent as the app sends it: up to 4 tries; its reference once stored. */
const personMs = [];
async function person(delayMs) {
  await new Promise((r) => setTimeout(r, delayMs));
  const referral = { ...example, reference: readableReference() };
  const sent = Date.now();
  for (let tries = 1; tries <= 4; tries++) {
    const { status, retryAfter } = await post(referral, '127.0.0.2');
    if (status === 201) { personMs.push(Date.now() - sent); return referral.reference; }
    if (status && ![408, 409, 429].includes(status) && status < 500) return null;
    await new Promise((r) => setTimeout(r, retryAfter ? Math.min(retryAfter, 60) * 1000 : 1000 * 2 ** (tries - 1)));
  }
  return null;
}

const [, ...personal] = await Promise.all([
  Promise.all(Array.from({ length: CONCURRENCY }, flooder)),
  person(0), person(200), person(500),
]);
flooding = false;
idle.forEach((s) => s.destroy());
receiver.kill('SIGTERM');
await new Promise((r) => receiver.once('exit', r));

const stored = new Set(execFileSync(BIN, ['export', '--db', db, '--key-file', key], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] })
  .split('\n').filter(Boolean).map((line) => JSON.parse(line).referral.reference));
const personStored = personal.filter((r) => r && stored.has(r)).length;
const floodStored = [...created].filter((r) => stored.has(r)).length;

console.log(`requests sent   ${counts.sent} from one client (${CONCURRENCY} at a time; another held ${IDLE_SOCKETS} idle sockets open) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`201 created     ${counts.created}`);
console.log(`429 too many    ${counts.limited}`);
console.log(`other answers   ${counts.other}`);
console.log(`stored          ${stored.size} (of the flood: ${floodStored})`);
const slowest = Math.max(0, ...personMs);
console.log(`person          ${personStored} of ${personal.length} referrals sent from another address during the flood stored, the slowest in ${(slowest / 1000).toFixed(1)} s`);
const ok = personStored === personal.length && slowest <= PERSON_MS && floodStored === counts.created && stored.size === counts.created + personStored;
process.exit(ok ? 0 : 1);
