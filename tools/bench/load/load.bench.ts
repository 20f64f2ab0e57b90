import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@orch/testing';

/**
 * `npm run bench:load`: the api under a bounded load at a fixed rate (open loop: requests are sent on
 * schedule whether or not earlier ones answered), 70% commands (POST /sessions), 30% queries
 * (GET /sessions). Reports throughput, errors, latency percentiles and the api's memory start → end.
 *   LOAD_DURATION_S (default 300), LOAD_RATE per second (default 40), LOAD_WARMUP_S (default 10).
 */
const durationS = Number(process.env['LOAD_DURATION_S'] ?? 300);
const rate = Number(process.env['LOAD_RATE'] ?? 40);
const warmupS = Number(process.env['LOAD_WARMUP_S'] ?? 10);
const root = join(__dirname, '..', '..', '..');

interface Sample {
  readonly kind: 'command' | 'query';
  readonly status: number | 'error';
  readonly ms: number;
}

interface Memory {
  readonly rss: number;
  readonly heapUsed: number;
  /** Heap left after the probe's last forced collection (every 10 s). */
  readonly retained?: number;
}

async function main(): Promise<void> {
  const database = await createTestDatabase('bench_load');
  const dataDir = mkdtempSync(join(tmpdir(), 'orch-load-'));
  const port = await freePort();
  const key = `orch_bench_${randomBytes(24).toString('base64url')}`;
  const child = spawn(process.execPath, ['--expose-gc', '-r', './tools/runtime/register.js', '-r', './tools/bench/load/memory-probe.js', 'apps/api/src/main.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: database.connectionString, PORT: String(port), ORCH_BOOTSTRAP_ADMIN_KEY: key, ORCH_DATA_DIR: dataDir, ROLES: 'api,projector', ORCH_RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const memory: (Memory & { at: number })[] = [];
  let output = '';
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    for (const line of text.split('\n')) {
      if (line.startsWith('[mem] ')) memory.push(JSON.parse(line.slice(6)) as Memory & { at: number });
      else if (line) output = `${output}${line}\n`.slice(-20_000);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const base = `http://127.0.0.1:${port}/api/v1`;
  try {
    await waitFor(async () => (await fetch(`${base}/health/ready`).catch(() => undefined))?.status === 200, 120_000, () => output);
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const samples: Sample[] = [];
    const inFlight = new Set<Promise<void>>();
    const send = (index: number, record: boolean) => {
      const kind = index % 10 < 7 ? 'command' : 'query';
      const started = performance.now();
      const request =
        kind === 'command'
          ? fetch(`${base}/sessions`, { method: 'POST', headers, body: JSON.stringify({ title: `load ${index}`, prompt: `Load prompt ${index}` }) })
          : fetch(`${base}/sessions?limit=20`, { headers });
      const done = request
        .then(async (response) => {
          await response.arrayBuffer();
          if (record) samples.push({ kind, status: response.status, ms: performance.now() - started });
        })
        .catch(() => {
          if (record) samples.push({ kind, status: 'error', ms: performance.now() - started });
        })
        .finally(() => inFlight.delete(done));
      inFlight.add(done);
    };
    const run = async (seconds: number, record: boolean, offset: number) => {
      const start = performance.now();
      const total = Math.round(seconds * rate);
      for (let index = 0; index < total; index++) {
        const due = start + (index * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        send(offset + index, record);
      }
      await Promise.all([...inFlight]);
      return (performance.now() - start) / 1000;
    };
    process.stderr.write(`warm-up ${warmupS} s at ${rate}/s…\n`);
    await run(warmupS, false, 0);
    const memoryStart = memory.at(-1);
    process.stderr.write(`load ${durationS} s at ${rate}/s…\n`);
    const elapsed = await run(durationS, true, 1_000_000);
    const memoryEnd = memory.at(-1);
    report(samples, elapsed, memoryStart, memoryEnd);
    reportRetained(memory.filter((sample) => sample.at >= (memoryStart?.at ?? 0)));
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(samples: readonly Sample[], elapsed: number, start: Memory | undefined, end: Memory | undefined): void {
  const ok = samples.filter((sample) => typeof sample.status === 'number' && sample.status < 400);
  const errors = new Map<string, number>();
  for (const sample of samples) if (!(typeof sample.status === 'number' && sample.status < 400)) errors.set(String(sample.status), (errors.get(String(sample.status)) ?? 0) + 1);
  const mb = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
  const lines = [
    `load: ${durationS} s at ${rate}/s target (70% POST /sessions, 30% GET /sessions), ${samples.length} requests in ${elapsed.toFixed(1)} s`,
    `throughput: ${(ok.length / elapsed).toFixed(1)} ok/s; errors: ${samples.length - ok.length}${errors.size ? ` (${[...errors].map(([status, count]) => `${status}: ${count}`).join(', ')})` : ''}`,
    ...(['command', 'query'] as const).map((kind) => {
      const times = samples.filter((sample) => sample.kind === kind).map((sample) => sample.ms).sort((a, b) => a - b);
      return `${kind} latency: p50 ${percentile(times, 0.5)} ms, p95 ${percentile(times, 0.95)} ms, p99 ${percentile(times, 0.99)} ms, max ${times.at(-1)?.toFixed(1) ?? 'n/a'} ms (n=${times.length})`;
    }),
    `api memory: rss ${mb(start?.rss)} → ${mb(end?.rss)}, heap used ${mb(start?.heapUsed)} → ${mb(end?.heapUsed)}, heap after a full GC ${mb(start?.retained)} → ${mb(end?.retained)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The heap after a full GC at each fifth of the run: a plateau is a bounded cache, a steady climb a leak. */
function reportRetained(samples: readonly (Memory & { at: number })[]): void {
  const retained = samples.filter((sample) => sample.retained !== undefined);
  if (retained.length === 0) return;
  const picks = [0, 0.2, 0.4, 0.6, 0.8, 1].map((share) => retained[Math.min(retained.length - 1, Math.round(share * (retained.length - 1)))] as Memory & { at: number });
  const start = picks[0]?.at ?? 0;
  process.stdout.write(`heap after a full GC over the run: ${picks.map((sample) => `${((sample.at - start) / 1000).toFixed(0)} s ${((sample.retained ?? 0) / 1024 / 1024).toFixed(1)} MB`).join(', ')}\n`);
}

function percentile(sorted: readonly number[], p: number): string {
  if (sorted.length === 0) return 'n/a';
  return (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number).toFixed(1);
}

async function waitFor(condition: () => Promise<boolean>, ms: number, output: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`the api was not ready in ${ms} ms:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
