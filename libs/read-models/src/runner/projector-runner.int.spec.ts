import { randomUUID } from 'node:crypto';
import { type EventMetadata, type ProjectionChange } from '@orch/application';
import { createTestDatabase } from '@orch/testing';
import { PostgresChangeNotifier } from '../notify/postgres-change-notifier';
import { ALL_PROJECTORS } from '../projectors/all-projectors';
import { appendFacts, fact, TestClock } from '../test-support/events';
import { setUpReadModels, type ReadModelHarness } from '../test-support/harness';
import { appendMixedHistory } from '../test-support/mixed-history';
import { sessionCreated, sessionPlanned } from '../test-support/session-facts';
import { snapshotTables } from '../test-support/snapshot';
import { visibleEventsUpTo } from '../test-support/visible-events';
import { commitBatch } from './commit-batch';
import { silentLogger, type ProjectorLogger } from './logger';
import { ProjectorRunner } from './projector-runner';

const TABLES = ALL_PROJECTORS.flatMap((projector) => projector.tables);

describe('ProjectorRunner', () => {
  let h: ReadModelHarness;
  let runner: ProjectorRunner | undefined;
  beforeEach(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_runner'));
  });
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await h.dispose();
  });

  it('is replay-harmless: applying the same batch twice leaves the same rows', async () => {
    const { position } = await appendMixedHistory(h.store);
    const events = await visibleEventsUpTo(h.store, position);
    for (const projector of ALL_PROJECTORS) await commitBatch(h.db, { projector, events });
    const once = await snapshotTables(h.db, TABLES);
    for (const projector of ALL_PROJECTORS) await commitBatch(h.db, { projector, events });
    expect(await snapshotTables(h.db, TABLES)).toEqual(once);
    expect(once['sessions']).toHaveLength(1);
    expect(await h.db.selectFrom('parked_events').selectAll().execute()).toEqual([]);
  });

  it('catches up from its checkpoint, then applies live events; waitForPosition gives read-your-writes', async () => {
    const first = await appendMixedHistory(h.store);
    runner = new ProjectorRunner({ db: h.db, eventStore: h.store, logger: silentLogger });
    runner.start();
    expect(await runner.waitForPosition(first.position, 10_000)).toBe(true);
    const second = await appendMixedHistory(h.store);
    expect(await runner.waitForPosition(second.position, 10_000)).toBe(true);
    const row = await h.db.selectFrom('sessions').select('status').where('session_id', '=', second.sessionId).executeTakeFirst();
    expect(row).toEqual({ status: 'completed' });
    // A projector that handles none of the last events stores their checkpoint within 250 ms.
    const stored = async () => (await h.db.selectFrom('projector_checkpoints').select('position').execute()).map((c) => c.position);
    const deadline = Date.now() + 2_000;
    while ((await stored()).some((position) => position !== second.position) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(await stored()).toEqual(ALL_PROJECTORS.map(() => second.position));
    expect(await runner.waitForPosition(second.position + 1_000_000, 200)).toBe(false);
  });

  it('resumes from the stored checkpoint after a restart without applying anything twice', async () => {
    const first = await appendMixedHistory(h.store);
    runner = new ProjectorRunner({ db: h.db, eventStore: h.store, logger: silentLogger });
    runner.start();
    await runner.waitForPosition(first.position, 10_000);
    await runner.stop();
    const second = await appendMixedHistory(h.store);
    runner = new ProjectorRunner({ db: h.db, eventStore: h.store, logger: silentLogger });
    runner.start();
    expect(await runner.waitForPosition(second.position, 10_000)).toBe(true);
    const metrics = await h.db.selectFrom('metric_rollups').select('sessions_created').where('scope', '=', 'tenant').executeTakeFirst();
    expect(metrics).toEqual({ sessions_created: 2 });
  });

  it('parks a malformed event with a log line and still applies the events after it', async () => {
    const warnings: Record<string, unknown>[] = [];
    const logger: ProjectorLogger = { ...silentLogger, warn: (fields) => void warnings.push(fields) };
    const sessionId = randomUUID();
    const clock = new TestClock();
    const meta = { actor: 'system:engine', tenantId: 't' };
    const stream = `session-${sessionId}`;
    await appendFacts(h.store, stream, { actor: 'user:k', tenantId: 't' }, [sessionCreated(clock.next(), sessionId, 't'), sessionPlanned(clock.next(), ['a'])]);
    const bad = await appendFacts(h.store, stream, meta, [fact('TaskUsageRecorded', clock.next(), { taskId: 'a', attempt: 1, tokensIn: 'lots' })]);
    const unknownTask = await appendFacts(h.store, stream, meta, [fact('TaskReady', clock.next(), { taskId: 'nope' })]);
    const last = await appendFacts(h.store, stream, meta, [fact('SessionStarted', clock.next(), { deadlineAt: clock.next(0) })]);
    runner = new ProjectorRunner({ db: h.db, eventStore: h.store, logger });
    runner.start();
    expect(await runner.waitForPosition(last, 10_000)).toBe(true);

    const parked = await h.db.selectFrom('parked_events').selectAll().where('projector', '=', 'sessions').orderBy('position').execute();
    expect(parked.map((p) => [p.position, p.event_type, p.stream_name])).toEqual([
      [bad, 'TaskUsageRecorded', stream],
      [unknownTask, 'TaskReady', stream],
    ]);
    expect(parked[0]?.error).toMatch(/tokensIn must be a number/);
    expect(parked[1]?.error).toMatch(/unknown task nope/);
    expect(warnings.filter((w) => w['projector'] === 'sessions').map((w) => w['position'])).toEqual([bad, unknownTask]);
    const row = await h.db.selectFrom('sessions').select(['status', 'revision']).where('session_id', '=', sessionId).executeTakeFirst();
    expect(row).toEqual({ status: 'running', revision: 4 });
  });

  it('parks an event without a tenant in every projector that would have written it', async () => {
    const { position } = await appendMixedHistory(h.store, 'tenant-p');
    const agentRow = (await visibleEventsUpTo(h.store, position)).find((event) => event.type === 'AgentRegistered');
    const metadata = { actor: 'user:k', correlationId: randomUUID(), schemaVersion: 1 } as unknown as EventMetadata;
    const orphan = await h.store.appendToStream(agentRow?.streamName ?? 'agent-x', [
      { id: randomUUID(), type: 'AgentDrained', data: { at: new TestClock().next() }, metadata },
    ]);
    runner = new ProjectorRunner({ db: h.db, eventStore: h.store, logger: silentLogger });
    runner.start();
    expect(await runner.waitForPosition(orphan.position, 10_000)).toBe(true);
    const parked = await h.db.selectFrom('parked_events').select(['projector', 'position']).orderBy('projector').execute();
    expect(parked).toEqual([
      { projector: 'agents', position: orphan.position },
      { projector: 'event-log', position: orphan.position },
    ]);
  });

  it('publishes what changed through PostgreSQL NOTIFY after each committed batch', async () => {
    const notifier = new PostgresChangeNotifier({ connectionString: h.database.connectionString, channel: `changes_${randomUUID().slice(0, 8)}` });
    const received: ProjectionChange[] = [];
    const subscription = await notifier.subscribe((changes) => received.push(...changes));
    try {
      runner = new ProjectorRunner({ db: h.db, eventStore: h.store, notifier, logger: silentLogger });
      runner.start();
      const { sessionId, position } = await appendMixedHistory(h.store, 'tenant-n');
      await runner.waitForPosition(position, 10_000);
      // Each projector publishes on its own, after its own commits.
      await waitUntil(() => ['session', 'task', 'agent', 'context', 'metric', 'event'].every((e) => received.some((c) => c.entity === e)));
      expect(received).toEqual(expect.arrayContaining([expect.objectContaining({ entity: 'session', id: sessionId, tenantId: 'tenant-n' })]));
      expect(received).toEqual(expect.arrayContaining([{ entity: 'task', id: `${sessionId}/a`, tenantId: 'tenant-n', position: expect.any(Number) }]));
    } finally {
      await subscription.close();
      await notifier.close();
    }
  });

  it('reports lag: last applied, store head and events behind', async () => {
    const { position } = await appendMixedHistory(h.store);
    runner = new ProjectorRunner({ db: h.db, eventStore: h.store, logger: silentLogger });
    runner.start();
    await runner.waitForPosition(position, 10_000);
    await runner.stop();
    const later = await appendFacts(h.store, `session-${randomUUID()}`, { actor: 'system:engine', tenantId: 't' }, [fact('Unrelated', new TestClock().next())]);
    await visibleEventsUpTo(h.store, later);
    const lag = await runner.lag();
    expect(lag).toHaveLength(ALL_PROJECTORS.length);
    for (const entry of lag) {
      expect(entry).toMatchObject({ lastAppliedPosition: position, headPosition: later, eventsBehind: 1, eventsBehindCapped: false });
      expect(entry.lastBatchAt).toEqual(expect.any(String));
    }
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
