import { ALL_PROJECTORS, ProjectorRunner, silentLogger } from '@orch/read-models';
import {
  appendFacts,
  appendMixedHistory,
  fact,
  runWorkload,
  setUpReadModels,
  snapshotTables,
  TestClock,
  visibleEventsUpTo,
  type ReadModelHarness,
} from '@orch/read-models/testing';
import { createTestDatabase } from '@orch/testing';
import { runCli } from '../test-support/run-cli';
import { type ProjectorStatus } from './projection-status';

const NAMES = ALL_PROJECTORS.map((projector) => projector.name);
const TABLES = ALL_PROJECTORS.flatMap((projector) => projector.tables);

describe('cli projections, run as a child process against a populated database', () => {
  let h: ReadModelHarness;
  let env: Record<string, string>;
  let events: number;
  let head: number;
  let parkedAt: number;

  beforeAll(async () => {
    h = await setUpReadModels(await createTestDatabase('cli_projections'));
    env = { DATABASE_URL: h.database.connectionString };
    const workload = await runWorkload(h.store, { seed: 20261124, minEvents: 3_000 });
    // One event the sessions projector cannot apply: it is parked, live and in the rebuild.
    const { sessionId } = await appendMixedHistory(h.store);
    parkedAt = await appendFacts(h.store, `session-${sessionId}`, { actor: 'system:engine', tenantId: 'tenant-mix' }, [fact('TaskReady', new TestClock().next(), { taskId: 'nope' })]);
    const visible = await visibleEventsUpTo(h.store, parkedAt, 30_000);
    [events, head] = [visible.length, parkedAt];
    expect(events).toBeGreaterThan(workload.events);
    const runner = new ProjectorRunner({ db: h.db, eventStore: h.store, logger: silentLogger });
    runner.start();
    try {
      expect(await runner.waitForPosition(head, 60_000)).toBe(true);
    } finally {
      await runner.stop();
    }
  }, 120_000);
  afterAll(() => h?.dispose());

  it('rebuild all: replays every projection into tables equal to the live ones, with progress lines on stderr', async () => {
    const live = await snapshotTables(h.db, TABLES);

    const run = await runCli(['projections', 'rebuild', 'all', '--progress-interval', '0.2'], env);

    expect(run).toMatchObject({ code: 0 });
    expect(run.stderr).toMatch(/^rebuilding sessions, agents, contexts, event-log, metrics from position 0 on DATABASE_URL/m);
    const progress = run.stderr.split('\n').filter((line) => line.startsWith('rebuild '));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (const line of progress) expect(line).toMatch(/^rebuild \d+\.\d% · [\d,]+\/[\d,]+ events \(5 projections\) · [\d,]+ events\/s · (ETA \S+|[\d.]+ s)/);
    expect(progress.at(-1)).toContain(`${(events * 5).toLocaleString('en-US')}/${(events * 5).toLocaleString('en-US')} events`);
    for (const name of NAMES) expect(run.stderr).toContain(`${name}: rebuilt and swapped in (${events.toLocaleString('en-US')} events)`);
    expect(run.stderr).not.toContain('\r');
    for (const name of NAMES) {
      expect(run.stdout).toMatch(new RegExp(`^${name}\\s+${events.toLocaleString('en-US')}\\s+${head}\\s+${name === 'sessions' ? 1 : 0}$`, 'm'));
    }
    expect(run.stdout).toContain('sessions: 1 event parked, see `projections parked sessions`');
    expect(await snapshotTables(h.db, TABLES)).toEqual(live);
  });

  it('status: prints each projector with its checkpoint, the head, the lag and parked events', async () => {
    const more = await appendMixedHistory(h.store);
    const behind = (await visibleEventsUpTo(h.store, more.position, 30_000)).filter((event) => event.position > head).length;
    expect(behind).toBeGreaterThan(5);

    const json = await runCli(['projections', 'status', '--json'], env);
    expect(json).toMatchObject({ code: 0, stderr: '' });
    const rows = (JSON.parse(json.stdout) as ProjectorStatus[]).map(({ updatedAt: _, ...row }) => row);
    expect(rows).toEqual(NAMES.map((projector) => ({ projector, checkpoint: head, head: more.position, lag: behind, capped: false, parked: projector === 'sessions' ? 1 : 0 })));

    const table = await runCli(['projections', 'status'], env);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^projector\s+checkpoint\s+head\s+lag\s+parked\s+checkpoint moved$/);
    expect(lines.slice(2).map((line) => line.split(/\s+/).slice(0, 5))).toEqual(
      NAMES.map((name) => [name, String(head), String(more.position), String(behind), name === 'sessions' ? '1' : '0']),
    );

    const capped = await runCli(['projections', 'status', '--count-limit', '2'], env);
    expect(capped.stdout).toMatch(/^sessions\s+\d+\s+≥ \d+\s+≥ 2\s+1\s/m);
  });

  it('parked: lists the event a projector could not apply, with its error', async () => {
    const run = await runCli(['projections', 'parked', 'sessions'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^sessions\\s+${parkedAt}\\s+TaskReady\\s+session-\\S+\\s+\\S+\\s+.*nope`, 'm'));
    expect(run.stdout).toContain('1 parked event for sessions');
    expect((await runCli(['projections', 'parked', 'agents'], env)).stdout).toBe('no parked events for agents\n');
  });

  it('an unknown projector name: exit 2, naming the valid ones, before touching the database', async () => {
    const run = await runCli(['projections', 'rebuild', 'sesions'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: unknown projector "sesions"\nvalid names: sessions, agents, contexts, event-log, metrics, all\n',
    });
    expect((await runCli(['projections', 'parked', 'all'], env)).code).toBe(2);
  });

  it('a rebuild that fails (the database is gone): exit 1 with the reason', async () => {
    const url = new URL(h.database.connectionString);
    url.pathname = '/cli_projections_no_such_database';
    const run = await runCli(['projections', 'rebuild', 'metrics'], { DATABASE_URL: url.toString() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: database "cli_projections_no_such_database" does not exist$/m);
  });
});
