import { DomainError } from '@orch/kernel';
import { createContext, mergeContexts, writeContext } from './context-commands';
import type { InMemoryEventStore } from './testing/in-memory-event-store';
import { AGENT_ID, metadata, OTHER_TENANT, seed, SESSION_ID, setup, TENANT } from './testing/context-fixtures';

const codeOf = async (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
  );

describe('createContext', () => {
  it('given the session exists in the tenant, when a session context is created, then ContextCreated is appended', async () => {
    const { store, deps } = setup();
    await seed(store, `session-${SESSION_ID}`, 'SessionCreated', { sessionId: SESSION_ID });
    const result = await createContext(deps, { contextId: 'c-1', scope: 'session', sessionId: SESSION_ID }, metadata('cmd-1'));
    expect(result).toEqual({ id: 'c-1', revision: 0, position: 2 });
    expect(store.stream('context-c-1')).toMatchObject([
      { type: 'ContextCreated', data: { scope: 'session', sessionId: SESSION_ID, tenantId: TENANT } },
    ]);
  });

  it.each([
    ['missing', async (_store: InMemoryEventStore) => undefined],
    ['of another tenant', (store: InMemoryEventStore) => seed(store, `agent-${AGENT_ID}`, 'AgentRegistered', {}, OTHER_TENANT)],
  ])('given the agent is %s, when an agent context is created, then SCOPE_OWNER_INVALID and nothing is appended', async (_, given) => {
    const { store, deps } = setup();
    await given(store);
    const before = store.all.length;
    const created = createContext(deps, { scope: 'agent', agentId: AGENT_ID }, metadata('cmd-1'));
    expect(await codeOf(created)).toBe('CONTEXT.SCOPE_OWNER_INVALID');
    expect(store.all).toHaveLength(before);
  });

  it('given no contextId, when the same command id comes twice, then the id derives from it and it appends once', async () => {
    const { store, deps } = setup();
    const first = await createContext(deps, { scope: 'global', actorRole: 'admin' }, metadata('cmd-1'));
    const again = await createContext(deps, { scope: 'global', actorRole: 'admin' }, metadata('cmd-1'));
    expect(first.id).toBe('id(context/create/cmd-1)');
    expect(again).toEqual({ ...first, replayed: true });
    expect(store.all).toHaveLength(1);
  });

  it('when an operator creates a global context, then SCOPE_OWNER_INVALID (the role is a fact from the key)', async () => {
    const { deps } = setup();
    const created = createContext(deps, { scope: 'global', actorRole: 'operator' }, metadata('cmd-1'));
    expect(await codeOf(created)).toBe('CONTEXT.SCOPE_OWNER_INVALID');
  });
});

describe('mergeContexts', () => {
  const merge = { targetContextId: 'target', sourceContextId: 'source', expectedVersion: 1, strategy: 'manual' as const };
  async function twoContexts() {
    const fixture = setup();
    const global = { scope: 'global' as const, actorRole: 'admin' as const };
    await createContext(fixture.deps, { ...global, contextId: 'target', document: { a: 1, b: 1 } }, metadata('cmd-1'));
    await createContext(fixture.deps, { ...global, contextId: 'source', document: { a: 2 } }, metadata('cmd-2'));
    const write = { contextId: 'source', expectedVersion: 1, operations: [{ op: 'set' as const, path: 'a', value: 3 }] };
    await writeContext(fixture.deps, write, metadata('cmd-3', { now: '2026-01-01T00:05:00.000Z' }));
    return fixture;
  }

  it('given a source version, when merged manually, then the source is read at that version and conflicts recorded', async () => {
    const { store, deps } = await twoContexts();
    const request = { ...merge, sourceVersion: 1 };
    const result = await mergeContexts(deps, request, metadata('cmd-4'));
    expect(result).toMatchObject({ id: 'target', revision: 1 });
    expect(store.stream('context-target')[1]).toMatchObject({
      type: 'ContextMerged',
      data: { sourceContextId: 'source', sourceVersion: 1, conflicts: [{ path: 'a', targetValue: 1, sourceValue: 2 }] },
    });
  });

  it('given no source version, when merged with last_write_wins, then the latest source and its path times are used', async () => {
    const { store, deps } = await twoContexts();
    const request = { ...merge, strategy: 'last_write_wins' as const };
    await mergeContexts(deps, request, metadata('cmd-4', { now: '2026-01-01T00:06:00.000Z' }));
    expect(store.stream('context-target')[1]?.data).toMatchObject({ sourceVersion: 2, operations: [{ op: 'set', path: 'a', value: 3 }] });
  });

  it('given the source belongs to another tenant, when merged, then CONTEXT.NOT_FOUND', async () => {
    const { deps } = await twoContexts();
    const request = merge;
    expect(await codeOf(mergeContexts(deps, request, metadata('cmd-4', { tenantId: OTHER_TENANT })))).toBe('CONTEXT.NOT_FOUND');
  });

  it('given a source version above its latest, when merged, then CONTEXT.VERSION_NOT_FOUND and nothing is appended', async () => {
    const { store, deps } = await twoContexts();
    const request = { ...merge, sourceVersion: 9 };
    expect(await codeOf(mergeContexts(deps, request, metadata('cmd-4')))).toBe('CONTEXT.VERSION_NOT_FOUND');
    expect(store.all).toHaveLength(3);
  });

  it('given the source stream is missing, when merged, then CONTEXT.NOT_FOUND', async () => {
    const { deps } = await twoContexts();
    const request = { ...merge, sourceContextId: 'nope' };
    expect(await codeOf(mergeContexts(deps, request, metadata('cmd-4')))).toBe('CONTEXT.NOT_FOUND');
  });
});
