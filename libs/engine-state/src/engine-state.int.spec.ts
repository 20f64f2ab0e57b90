import type { EngineState, TrackedSession } from '@orch/application';
import { createTestDatabase, type TestDatabase } from '@orch/testing';
import { InMemoryEngineState } from './in-memory-engine-state';
import { PostgresEngineState } from './postgres-engine-state';

const session = (id: string, overrides: Partial<TrackedSession> = {}): TrackedSession => ({
  sessionId: `01934b8e-0000-7000-8000-0000000000${id}`,
  tenantId: 'tenant-1',
  status: 'running',
  priority: 2,
  parentId: null,
  queuedAt: null,
  ...overrides,
});

let database: TestDatabase;
beforeAll(async () => (database = await createTestDatabase('engine_state')));
afterAll(async () => database?.drop());

const adapters: [string, () => EngineState][] = [
  ['PostgreSQL', () => new PostgresEngineState({ connectionString: database.connectionString, name: `e${Math.random().toString(36).slice(2, 8)}` })],
  ['in memory', () => new InMemoryEngineState()],
];

describe.each(adapters)('EngineState contract: %s', (_name, make) => {
  let state: EngineState;
  beforeEach(() => (state = make()));
  afterEach(() => state.close());

  it('given nothing saved, when loaded, then no position and no sessions', async () => {
    expect(await state.load()).toEqual({ position: undefined, sessions: [] });
  });

  it('given sessions saved with a position, when loaded, then both come back as saved', async () => {
    const queued = session('01', { status: 'queued', queuedAt: '2026-12-01T10:00:00.000Z', priority: 0, parentId: session('02').sessionId });
    await state.save(41, [queued, session('02')], []);
    const loaded = await state.load();
    expect(loaded.position).toBe(41);
    expect([...loaded.sessions].sort((a, b) => a.sessionId.localeCompare(b.sessionId))).toEqual([queued, session('02')]);
  });

  it('given a saved session, when a later save changes one and removes the other, then the change and the removal hold', async () => {
    await state.save(10, [session('01'), session('02')], []);
    await state.save(20, [session('01', { status: 'paused' })], [session('02').sessionId]);
    expect((await state.load()).sessions).toEqual([session('01', { status: 'paused' })]);
  });

  it('given a checkpoint at 50, when a save for an older position comes, then it is skipped entirely', async () => {
    await state.save(50, [session('01')], []);
    await state.save(30, [session('01', { status: 'degraded' })], []);
    expect(await state.load()).toEqual({ position: 50, sessions: [session('01')] });
  });
});
