/**
 * `npm run bench:live`: command → socket frame latency at 200 commands/s with 100 connected
 * clients, and fan-out of one command to 1,000 clients, against a bare socket.io server measured
 * in the same run on the same machine (HTTP request + socket.io broadcast, nothing behind it).
 * The api runs as its own process (`ROLES=api,projector`) on a database created for the run.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { OrchClient } from '@orch/client';
import { withDatabase } from '../event-store/databases';
import { describeMachine } from '../event-store/server';
import { monitorServer } from '../event-store/server-monitor';
import { bareClients, orchestratorClients, type Arrivals, type BenchRoom } from './arrivals';
import { cpuPerCommand, sampleCpu } from './cpu-usage';
import { LIVE_BENCH } from './bench-config';
import { apiLoopDelay, bareLoopDelay, monitorOwnLoop, RESOLUTION_MS, type LoopDelay } from './loop-delay';
import { oneByOne, paced } from './paced-commands';
import { cpuRow, fanOutRows, latencyRows, loopDelayRow, printTable, verdict, type Row } from './report';
import { startChild } from './spawn-child';

/** The rows of the report, filled by each part of the run. */
interface Report {
  readonly rows: Row[];
  readonly fanRows: Row[];
  readonly cpuRows: Row[];
  readonly loopRows: Row[];
}

/** The clients' (this process's) event loop, read around each latency run. */
const ownLoop = monitorOwnLoop();

type Send = (index: number) => Promise<number>;

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`Live benchmark, ${new Date().toISOString()}${process.env['BENCH_QUICK'] === '1' ? ' (BENCH_QUICK: smoke run, numbers mean nothing)' : ''}`);
  for (const line of await describeMachine()) console.log(line);
  const { latency, fanOut } = LIVE_BENCH;
  const report: Report = { rows: [], fanRows: [], cpuRows: [], loopRows: [] };
  await baseline(report);
  await orchestrator(report);

  console.log(`\nCommand → frame latency (${latency.clients} clients, every client's every frame; round trip = HTTP request → answer)\n`);
  printTable(['run', 'room', 'commands/s', 'round trip p50', 'p99', 'frame p50', 'p99', 'max', 'frames', 'p99 vs baseline'], report.rows);
  console.log(`\nCPU per command during the latency run (server = the bare server or the api process; clients = this process)\n`);
  printTable(['run', 'server', 'PostgreSQL', 'clients', 'total', 'share of the machine'], report.cpuRows);
  console.log(`\nEvent-loop delay during the latency run (how late a ${RESOLUTION_MS} ms timer fired: what every socket read and database answer waits on top of its own work)\n`);
  printTable(['run', 'server p50', 'p99', 'max', 'clients p50', 'p99', 'max'], report.loopRows);
  console.log(`\nFan-out to ${fanOut.clients} clients (per frame; "all" = until the last client had it)\n`);
  printTable(['run', 'room', 'frame p50', 'p99', 'all p50', 'all p99', 'complete'], report.fanRows);
  console.log(`\nTarget: ${verdict(latency.commandsPerSecond, latency.clients)}`);
  console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

/** The bare socket.io server: the latency run and the fan-out, nothing behind it. */
async function baseline(report: Report): Promise<void> {
  const { latency, fanOut } = LIVE_BENCH;
  console.log(`\n▶ bare socket.io baseline: ${latency.commandsPerSecond} requests/s for ${latency.durationMs / 1000} s to ${latency.clients} clients, then fan-out to ${fanOut.clients}`);
  const bare = await startChild('tools/bench/live/bare-server.ts', {}, /ready/);
  try {
    const clients = await bareClients(bare.origin, latency.clients);
    const tick = (index: number) => fetch(`${bare.origin}/tick/${index}`, { method: 'POST' }).then(async (r) => ((await r.json()) as { id: number }).id);
    const cpuBefore = sampleCpu(bare.pid);
    const loops = await loopsFrom(() => bareLoopDelay(bare.origin));
    const load = await paced(latency.commandsPerSecond, latency.durationMs, tick);
    report.loopRows.push(loopDelayRow('bare socket.io (baseline)', ...(await loops.read())));
    await settle(clients.ticks, load.sentAt, latency.clients);
    report.cpuRows.push(cpuRow('bare socket.io (baseline)', cpuPerCommand(cpuBefore, sampleCpu(bare.pid), load.sentAt.size), latency.commandsPerSecond));
    report.rows.push(...latencyRows('bare socket.io (baseline)', load, [['tick', clients.ticks]], latency.clients));
    clients.close();
    const many = await bareClients(bare.origin, fanOut.clients);
    const sentAt = await oneByOne(fanOut.commands, fanOut.gapMs, (index) => tick(1_000_000 + index));
    await settle(many.ticks, sentAt, fanOut.clients);
    report.fanRows.push(fanOutRows('bare socket.io (baseline)', 'tick', many.ticks, sentAt, fanOut.clients));
    many.close();
  } finally {
    await bare.stop();
  }
}

/** The api on a database of its own: warm-up, the latency runs, then the fan-out. */
async function orchestrator(report: Report): Promise<void> {
  const { latency } = LIVE_BENCH;
  await withDatabase('bench_live', async (database) => {
    const adminKey = `orch_bench_${randomBytes(24).toString('base64url')}`;
    const api = await startChild('apps/api/src/main.ts', { DATABASE_URL: database.connectionString, ORCH_BOOTSTRAP_ADMIN_KEY: adminKey, ROLES: 'api,projector', ORCH_RATE_LIMIT_PER_MINUTE: '0' }, /listening on/);
    const monitor = await monitorServer(database.name);
    try {
      const admin = new OrchClient({ baseUrl: api.origin, apiKey: adminKey });
      const sessions: string[] = [];
      for (let index = 0; index < latency.sessions; index++) sessions.push((await admin.sessions.create({ title: `Bench session ${index}`, prompt: 'Benchmark' })).id);
      // One event per command, repeatable without limit: a new budget each time (SessionBudgetChanged).
      let budgets = 0;
      const inject: Send = (index) =>
        admin.sessions
          .changeBudget(sessions[index % sessions.length] ?? '', { reason: 'bench', budgetUsd: 1 + ++budgets / 100 })
          .then((answer) => answer.position ?? -1);

      // Warm-up, not measured: the api's code is compiled as it first runs (and the first runs of a
      // fresh process are several times slower), so the first measured run would pay for it alone.
      console.log(`\n▶ warm-up: ${latency.commandsPerSecond} commands/s for ${latency.warmUpMs / 1000} s to ${latency.clients} clients (not measured)`);
      const warm = await orchestratorClients(api.origin, adminKey, latency.clients);
      await paced(latency.commandsPerSecond, latency.warmUpMs, inject);
      warm.close();

      await latencyRuns(report, api, adminKey, inject);
      await orchestratorFanOut(report, api.origin, adminKey, inject);
    } finally {
      const noise = await monitor.stop();
      console.log(`\n  server sampled ${noise.samples}×: other databases busy ${(noise.othersActive * 100).toFixed(0)}%, xmin held ${(noise.horizonHeld * 100).toFixed(0)}% (longest ${noise.longestHoldMs.toFixed(0)} ms)`);
      await api.stop();
    }
  });
}

/**
 * Each client in both rooms (two frames per command per client), then in one room only (one
 * frame, as the baseline sends): what a client pays for taking both feeds.
 */
async function latencyRuns(report: Report, api: { readonly origin: string; readonly pid: number }, adminKey: string, inject: Send): Promise<void> {
  const { latency } = LIVE_BENCH;
  const runs: readonly [string, readonly BenchRoom[]][] = [
    ['orchestrator, both rooms', ['events', 'sessions']],
    ['orchestrator, one room', ['events']],
    ['orchestrator, one room', ['sessions']],
  ];
  for (const [run, rooms] of runs) {
    console.log(`\n▶ ${run}: ${latency.commandsPerSecond} change-budget commands/s for ${latency.durationMs / 1000} s to ${latency.clients} clients (${rooms.join(' + ')}); load average ${loadavg()[0]?.toFixed(2)}`);
    const fleet = await orchestratorClients(api.origin, adminKey, latency.clients, rooms);
    const cpuBefore = sampleCpu(api.pid);
    const loops = await loopsFrom(() => apiLoopDelay(api.origin));
    const load = await paced(latency.commandsPerSecond, latency.durationMs, inject);
    report.loopRows.push(loopDelayRow(`${run} (${rooms.join(' + ')})`, ...(await loops.read())));
    const received: [BenchRoom, Arrivals][] = rooms.map((room) => [room, room === 'events' ? fleet.events : fleet.changes]);
    for (const [, arrivals] of received) await settle(arrivals, load.sentAt, latency.clients);
    report.cpuRows.push(cpuRow(`${run} (${rooms.join(' + ')})`, cpuPerCommand(cpuBefore, sampleCpu(api.pid), load.sentAt.size), latency.commandsPerSecond));
    report.rows.push(...latencyRows(run, load, received, latency.clients));
    fleet.close();
  }
}

async function orchestratorFanOut(report: Report, origin: string, adminKey: string, inject: Send): Promise<void> {
  const { fanOut } = LIVE_BENCH;
  console.log(`\n▶ orchestrator fan-out: ${fanOut.commands} commands, ${fanOut.gapMs} ms apart, to ${fanOut.clients} clients`);
  const many = await orchestratorClients(origin, adminKey, fanOut.clients);
  const sentAt = await oneByOne(fanOut.commands, fanOut.gapMs, inject);
  await settle(many.changes, sentAt, fanOut.clients);
  await settle(many.events, sentAt, fanOut.clients);
  report.fanRows.push(fanOutRows('orchestrator', 'events', many.events, sentAt, fanOut.clients), fanOutRows('orchestrator', 'sessions', many.changes, sentAt, fanOut.clients));
  many.close();
}

/** Starts measuring the server's loop and this process's from now; `read` gives both since then. */
async function loopsFrom(server: () => Promise<LoopDelay>): Promise<{ read(): Promise<[LoopDelay, LoopDelay]> }> {
  await server();
  ownLoop.read();
  return { read: async () => [await server(), ownLoop.read()] };
}

/** Waits until every sent key reached every client, or 15 s of no progress. */
async function settle(arrivals: Arrivals, sentAt: ReadonlyMap<number, number>, clients: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && [...sentAt.keys()].some((key) => arrivals.count(key) < clients)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
