#!/usr/bin/env node
// Load and crash test of the receiver, on loopback only, bounded in count and time:
// posts 2,000 referrals, 32 at a time, kills the receiver with SIGKILL half way through,
// restarts it, and retries every unacknowledged referral with its same Idempotency-Key, as the
// app does. Referrals are stored encrypted, as scripts/run stores them. The receiver forwards every referral by email to a real SMTP server on loopback
// (Debian's aiosmtpd, receiver/tests/smtp_sink.py), so the kill also lands on deliveries in
// flight. Then it counts what the database and the mailbox hold and prints:
//   sent, acknowledged, stored, duplicates, lost (acknowledged but not stored),
//   throughput and p50/p99 latency;
//   for the emails: accepted, delivered, duplicates (the same Message-ID twice: at least once
//   means a delivery cut off by the kill is made again), lost (accepted, never emailed),
//   deliveries/s and the time from 201 to delivered (p50/p99).
// It exits 1 if a referral was lost or stored twice, or an accepted referral never emailed.
// Usage: node scripts/load.mjs [count] [concurrency]   (after `cargo build --release -p rj-receiver`)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readableReference } from './reference.mjs';

const COUNT = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? 32);
const DEADLINE_MS = 180_000;
const BIN = 'target/release/rj-receiver';
const example = JSON.parse(readFileSync('schema/examples/referral.json', 'utf8'));
const dir = mkdtempSync(path.join(tmpdir(), 'rj-load-'));
const db = path.join(dir, 'referrals.sqlite3');

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});
const port = await freePort();
const url = `http://127.0.0.1:${port}/api/referrals`;
const SERVICE = 'hiow@restorativesolutions.org.uk.cjsm.net';
const maildir = path.join(dir, 'maildir');
const smtpPort = await freePort();
const smtp = spawn('/usr/bin/python3', ['receiver/tests/smtp_sink.py', 'serve', String(smtpPort), maildir], { stdio: ['pipe', 'pipe', 'inherit'] });
await new Promise((resolve, reject) => {
  smtp.stdout.once('data', resolve);
  smtp.once('exit', (code) => reject(new Error(`the SMTP server exited with ${code} (scripts/setup --browser installs python3-aiosmtpd)`)));
});
const forwarding = ['--smtp', `smtp://127.0.0.1:${smtpPort}`, '--mail-from', 'referrals@rj.example', '--mail-to', SERVICE];
// Encrypted at rest, as scripts/run stores them.
const key = path.join(dir, 'receiver.key');
execFileSync(BIN, ['keygen', '--out', key], { stdio: 'ignore' });

function start() {
  // One client sends every referral here: the per-client rate limit is not what is measured.
  const proc = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`, '--db', db, '--dist', 'dist', '--rate-limit', '1000000', '--key-file', key, ...forwarding], { stdio: ['ignore', 'pipe', 'inherit'] });
  proc.stdout.resume();
  return new Promise((resolve, reject) => {
    proc.stdout.once('data', () => resolve(proc));
    proc.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
}

let receiver = await start();
const started = Date.now();
const latencies = [];
let acknowledged = 0;
let requests = 0;
let killed = false;
const queue = Array.from({ length: COUNT }, (_, i) => i);
const ackedRefs = new Set();
const ackedAt = new Map(); // reference -> when its 201 came (ms since the epoch)

async function sendOne() {
  const body = JSON.stringify({ ...example, reference: readableReference(), website: '', elapsed_ms: 600_000 });
  const reference = JSON.parse(body).reference;
  for (let attempt = 0; Date.now() - started < DEADLINE_MS; attempt++) {
    const t0 = performance.now();
    requests++;
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': reference }, body, signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.status === 201) {
        latencies.push(performance.now() - t0);
        acknowledged++;
        ackedRefs.add(reference);
        ackedAt.set(reference, Date.now());
        return;
      }
      if (res.status < 500 && res.status !== 409 && res.status !== 429) throw new Error(`refused with ${res.status}`);
    } catch (e) {
      if (String(e.message).startsWith('refused')) throw e;
    }
    await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt) * (1 + Math.random() / 2)));
  }
  throw new Error(`gave up on ${reference} at the deadline`);
}

async function worker() {
  while (queue.length) {
    const i = queue.shift();
    if (i === Math.floor(COUNT / 2) && !killed) {
      killed = true;
      receiver.kill('SIGKILL');
      setTimeout(async () => { receiver = await start(); }, 300);
    }
    await sendOne();
  }
}

await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const seconds = (Date.now() - started) / 1000;

// Every accepted referral emailed: wait (bounded) until the outbox has nothing pending.
const pending = () => {
  const out = execFileSync(BIN, ['status', '--db', db], { encoding: 'utf8' });
  return [...out.matchAll(/ delivered, (\d+) pending/g)].reduce((n, m) => n + Number(m[1]), 0);
};
while (pending() !== 0 && Date.now() - started < DEADLINE_MS) await new Promise((r) => setTimeout(r, 200));

// What the mail server received: each forwarded email's reference and when it arrived.
const seen = new Set();
const mailed = new Map(); // reference -> arrival times
function readMaildir() {
  let count = 0;
  let last = 0;
  for (const sub of ['new', 'cur']) {
    for (const name of readdirSync(path.join(maildir, sub))) {
      if (seen.has(name)) continue;
      seen.add(name);
      const file = path.join(maildir, sub, name);
      const at = statSync(file).mtimeMs;
      count++;
      last = Math.max(last, at);
      const id = readFileSync(file, 'utf8').match(/^Message-ID: <referral\.(.+?)@/mi)?.[1];
      if (id) mailed.set(id, [...(mailed.get(id) ?? []), at]);
    }
  }
  return { count, last };
}
const burst = readMaildir();
const mailDelivered = [...ackedRefs].filter((r) => mailed.has(r)).length;
const mailLost = ackedRefs.size - mailDelivered;
const mailDuplicates = [...mailed.values()].reduce((n, times) => n + times.length - 1, 0);
const toDelivered = [...mailed].map(([r, times]) => Math.min(...times) - ackedAt.get(r)).sort((a, b) => a - b);
const mailSeconds = (burst.last - started) / 1000;
const pctOf = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))]?.toFixed(0);

// Then one referral at a time, the outbox empty: the time from 201 to delivered a person sees.
const idle = [];
for (let i = 0; i < 20; i++) {
  const reference = readableReference();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': reference }, body: JSON.stringify({ ...example, reference, website: '', elapsed_ms: 600_000 }) });
  const t0 = performance.now();
  if (res.status !== 201) throw new Error(`a referral sent alone was refused with ${res.status}`);
  while (!mailed.has(reference) && performance.now() - t0 < 10_000) { readMaildir(); await new Promise((r) => setTimeout(r, 2)); }
  idle.push(performance.now() - t0);
  while (pending() !== 0 && Date.now() - started < DEADLINE_MS) await new Promise((r) => setTimeout(r, 50));
}
idle.sort((a, b) => a - b);
receiver.kill('SIGTERM');
smtp.kill('SIGTERM');

const lines = execFileSync(BIN, ['export', '--db', db, '--key-file', key], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);
const storedRefs = lines.map((l) => JSON.parse(l).referral.reference).filter((r) => ackedRefs.has(r));
const unique = new Set(storedRefs);
const lost = [...ackedRefs].filter((r) => !unique.has(r)).length;
const duplicates = storedRefs.length - unique.size;
rmSync(dir, { recursive: true, force: true });
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]?.toFixed(1);

console.log(`sent          ${COUNT} referrals in ${requests} requests (${CONCURRENCY} at a time, receiver killed with SIGKILL at ${Math.floor(COUNT / 2)})`);
console.log(`acknowledged  ${acknowledged}`);
console.log(`stored        ${unique.size}`);
console.log(`duplicates    ${duplicates}`);
console.log(`lost          ${lost}`);
console.log(`throughput    ${(acknowledged / seconds).toFixed(0)} referrals/s over ${seconds.toFixed(1)} s`);
console.log(`latency       p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms (acknowledged requests)`);
console.log(`emails        accepted ${ackedRefs.size}, delivered ${mailDelivered}, duplicates ${mailDuplicates}, lost ${mailLost}`);
console.log(`delivery      ${(burst.count / mailSeconds).toFixed(0)} emails/s to the local SMTP server (${burst.count} forwards and receipts in ${mailSeconds.toFixed(1)} s from the first request)`);
console.log(`201 to email  during the burst p50 ${pctOf(toDelivered, 0.5)} ms, p99 ${pctOf(toDelivered, 0.99)} ms; one referral at a time (20) p50 ${pctOf(idle, 0.5)} ms, max ${idle.at(-1).toFixed(0)} ms`);
process.exit(lost === 0 && duplicates === 0 && acknowledged === COUNT && mailLost === 0 ? 0 : 1);
