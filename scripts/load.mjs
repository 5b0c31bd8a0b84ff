#!/usr/bin/env node
// Load and crash test of the receiver, on loopback only, bounded in count and time:
// posts 2,000 referrals, 32 at a time, kills the receiver with SIGKILL half way through,
// restarts it, and retries every unacknowledged referral with its same Idempotency-Key, as the
// app does. Then it counts what the database holds and prints:
//   sent, acknowledged, stored, duplicates, lost (acknowledged but not stored),
//   throughput and p50/p99 latency. It exits 1 if anything was lost or duplicated.
// Usage: node scripts/load.mjs [count] [concurrency]   (after `cargo build --release -p rj-receiver`)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
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

function start() {
  // One client sends every referral here: the per-client rate limit is not what is measured.
  const proc = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`, '--db', db, '--dist', 'dist', '--rate-limit', '1000000'], { stdio: ['ignore', 'pipe', 'inherit'] });
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
receiver.kill('SIGTERM');

const lines = execFileSync(BIN, ['export', '--db', db], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);
const storedRefs = lines.map((l) => JSON.parse(l).referral.reference);
const unique = new Set(storedRefs);
const lost = [...ackedRefs].filter((r) => !unique.has(r)).length;
const duplicates = storedRefs.length - unique.size;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]?.toFixed(1);

console.log(`sent          ${COUNT} referrals in ${requests} requests (${CONCURRENCY} at a time, receiver killed with SIGKILL at ${Math.floor(COUNT / 2)})`);
console.log(`acknowledged  ${acknowledged}`);
console.log(`stored        ${unique.size}`);
console.log(`duplicates    ${duplicates}`);
console.log(`lost          ${lost}`);
console.log(`throughput    ${(acknowledged / seconds).toFixed(0)} referrals/s over ${seconds.toFixed(1)} s`);
console.log(`latency       p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms (acknowledged requests)`);
process.exit(lost === 0 && duplicates === 0 && acknowledged === COUNT ? 0 : 1);
