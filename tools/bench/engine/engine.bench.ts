/**
 * `npm run bench:engine`: the engine's dispatch latency (a task's TaskReady commit → its run asked
 * to start) and the throughput of 1,000 tiny tasks across 10 scripted agents, in this process on a
 * fresh database, beside a baseline measured in the same run: the latency of one single-event
 * append to the same store (a dispatch is four appends and the reads between them). Each is run
 * with plain directory workspaces (the engine alone) and with git worktrees (the product's path).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresEventStore } from '@orch/event-store';
import { withDatabase } from '../event-store/databases';
import { formatMs } from '../event-store/format';
import { describeMachine } from '../event-store/server';
import { percentiles } from '../event-store/stats';
import { directoryWorkspaces, engineDeps, gitWorkspaces, ids } from './bench-engine-deps';
import { dispatchStages, registerAgents, startSession, waitForCompletion, withEngine } from './engine-workload';

const QUICK = process.env['BENCH_QUICK'] === '1';
const TENANT = 'bench';

interface Row {
  readonly workload: string;
  readonly tasks: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

async function main(): Promise<void> {
  console.log(`Engine benchmark, ${new Date().toISOString()}${QUICK ? ' (BENCH_QUICK: smoke run, numbers mean nothing)' : ''}`);
  for (const line of await describeMachine()) console.log(line);
  const rows: Row[] = [];
  rows.push(await withDatabase('bench_engine_append', appendBaseline));
  // BENCH_ENGINE_WORKSPACES=directory (or git) runs one kind only.
  const only = process.env['BENCH_ENGINE_WORKSPACES'];
  for (const kind of (['directory', 'git'] as const).filter((candidate) => !only || candidate === only)) {
    rows.push(await withDatabase(`bench_engine_dispatch_${kind}`, (db) => paced(db.connectionString, kind)));
    rows.push(await withDatabase(`bench_engine_burst_${kind}`, (db) => burst(db.connectionString, kind)));
  }
  report(rows);
}

/** 200 single-event appends, one after the other, to streams of their own. */
async function appendBaseline(database: { connectionString: string }): Promise<Row> {
  const store = await createPostgresEventStore({ connectionString: database.connectionString });
  const latencies: number[] = [];
  const started = Date.now();
  try {
    for (let index = 0; index < (QUICK ? 40 : 200); index++) {
      const begin = performance.now();
      const metadata = { actor: 'system:bench', tenantId: TENANT, correlationId: 'bench', schemaVersion: 1 };
      await store.appendToStream(`bench-${ids.newId()}`, [{ id: ids.newId(), type: 'BenchAppended', data: { index }, metadata }], { expectedRevision: 'no_stream' });
      latencies.push(performance.now() - begin);
    }
  } finally {
    await store.close();
  }
  return { workload: 'baseline: one single-event append', tasks: latencies.length, seconds: (Date.now() - started) / 1000, ...percentiles(latencies) };
}

/** Dispatch latency without queueing: 5-task sessions started every 250 ms, 10 agents × 10 slots. */
function paced(connectionString: string, kind: 'directory' | 'git'): Promise<Row> {
  const sessions = QUICK ? 6 : 40;
  return run(connectionString, kind, `dispatch, sessions of 5 every 250 ms (${kind} workspaces)`, sessions, 5, 250);
}

/** Throughput: 1,000 tiny tasks (50 sessions × 20) started at once across 10 agents × 10 slots. */
function burst(connectionString: string, kind: 'directory' | 'git'): Promise<Row> {
  const sessions = QUICK ? 5 : 50;
  return run(connectionString, kind, `throughput, ${sessions * 20} tasks at once (${kind} workspaces)`, sessions, 20, 0);
}

async function run(connectionString: string, kind: 'directory' | 'git', workload: string, sessions: number, tasksEach: number, everyMs: number): Promise<Row> {
  console.log(`\n▶ ${workload}; load average ${loadavg()[0]?.toFixed(2)}`);
  const store = await createPostgresEventStore({ connectionString });
  const root = await mkdtemp(join(tmpdir(), 'orch-bench-engine-'));
  const started = new Map<string, number>();
  const deps = engineDeps(store, kind === 'git' ? gitWorkspaces(root) : directoryWorkspaces(root), started);
  try {
    await registerAgents(deps, TENANT, 10, 10);
    // The fleet is read off the global log, which trails the appends while another transaction on the server is open.
    while ((await deps.fleet.agentSnapshots(TENANT)).length < 10) await new Promise((resolve) => setTimeout(resolve, 50));
    return await withEngine(deps, async () => {
      const begin = Date.now();
      const ids: string[] = [];
      for (let index = 0; index < sessions; index++) {
        ids.push(await startSession(deps, TENANT, tasksEach, `Bench session number ${index}`));
        if (everyMs > 0) await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
      await waitForCompletion(store, ids, 600_000);
      const seconds = (Date.now() - begin) / 1000;
      const stages = await dispatchStages(store, ids, started);
      const latencies = stages.map((stage) => stage.total);
      const stats = percentiles(latencies);
      console.log(`  ${latencies.length} tasks in ${seconds.toFixed(1)} s (${(latencies.length / seconds).toFixed(0)} tasks/s); dispatch p50 ${formatMs(stats.p50)}, p99 ${formatMs(stats.p99)}, max ${formatMs(stats.max)}`);
      for (const stage of ['routed', 'assigned', 'started'] as const) {
        const part = percentiles(stages.map((one) => one[stage]));
        console.log(`    ${stage === 'routed' ? 'ready → routed' : stage === 'assigned' ? 'routed → assigned' : 'assigned → runtime start'}: p50 ${formatMs(part.p50)}, p99 ${formatMs(part.p99)}, max ${formatMs(part.max)}`);
      }
      return { workload, tasks: latencies.length, seconds, ...stats };
    });
  } finally {
    await store.close();
    await rm(root, { recursive: true, force: true });
  }
}

function report(rows: readonly Row[]): void {
  const baseline = rows[0] as Row;
  console.log('\n| workload | tasks | seconds | tasks/s | p50 | p99 | max | p99 vs 4 appends |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    const rate = row === baseline ? '' : (row.tasks / row.seconds).toFixed(0);
    const ratio = row === baseline ? '' : `${(row.p99 / (4 * baseline.p99)).toFixed(2)}×`;
    console.log(`| ${row.workload} | ${row.tasks} | ${row.seconds.toFixed(1)} | ${rate} | ${formatMs(row.p50)} | ${formatMs(row.p99)} | ${formatMs(row.max)} | ${ratio} |`);
  }
  const engineOnly = rows.find((row) => row.workload.startsWith('dispatch') && row.workload.includes('directory'));
  if (engineOnly) console.log(`\nTarget dispatch p99 < 50 ms (engine, directory workspaces): ${engineOnly.p99 < 50 ? 'MET' : 'MISSED'} (${formatMs(engineOnly.p99)})`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
