import { DomainError } from '@orch/kernel';
import { createContext, writeContext } from './context-commands';
import { promoteContext, shareContext } from './share-promote';
import { AGENT_ID, metadata, OTHER_TENANT, seed, SESSION_ID, setup } from './testing/context-fixtures';

const codeOf = async (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
  );

/** An agent context `source` at version 1 with `{ a: 1 }`, and a session in the tenant. */
async function given() {
  const fixture = setup();
  await seed(fixture.store, `agent-${AGENT_ID}`, 'AgentRegistered', {});
  await seed(fixture.store, `session-${SESSION_ID}`, 'SessionCreated', {});
  await createContext(fixture.deps, { contextId: 'source', scope: 'agent', agentId: AGENT_ID, document: { a: 1 } }, metadata('cmd-0'));
  return fixture;
}

const share = { contextId: 'source', targetSessionId: SESSION_ID };
const NEW_ID = 'id(context/share/cmd-1)';

describe('shareContext', () => {
  it('when shared, then the new context is created first, then ContextShared is appended to the source', async () => {
    const { store, deps } = await given();
    const result = await shareContext(deps, share, metadata('cmd-1'));
    expect(result).toEqual({ id: NEW_ID, revision: 0, position: 5 });
    expect(store.all.slice(3).map((event) => [event.streamName, event.type])).toEqual([
      [`context-${NEW_ID}`, 'ContextCreated'],
      ['context-source', 'ContextShared'],
    ]);
    expect(store.all[3]?.data).toMatchObject({
      scope: 'session',
      sessionId: SESSION_ID,
      document: { a: 1 },
      provenance: { kind: 'shared', fromContextId: 'source', fromVersion: 1 },
    });
    expect(store.all[4]?.data).toMatchObject({ toContextId: NEW_ID, toSessionId: SESSION_ID, atVersion: 1 });
  });

  it.each([
    ['missing', SESSION_ID.replace('a1', 'ff')],
    ['of another tenant', 'other-session'],
  ])('given the target session is %s, when shared, then SCOPE_OWNER_INVALID and nothing is appended', async (_, targetSessionId) => {
    const { store, deps } = await given();
    await seed(store, 'session-other-session', 'SessionCreated', {}, OTHER_TENANT);
    const before = store.all.length;
    expect(await codeOf(shareContext(deps, { ...share, targetSessionId }, metadata('cmd-1')))).toBe('CONTEXT.SCOPE_OWNER_INVALID');
    expect(store.all).toHaveLength(before);
  });

  it('when the same command comes twice, then it answers the first result and appends nothing more', async () => {
    const { store, deps } = await given();
    const first = await shareContext(deps, share, metadata('cmd-1'));
    expect(await shareContext(deps, share, metadata('cmd-1'))).toEqual({ ...first, replayed: true });
    expect(store.all).toHaveLength(5);
  });

  it('given the first try failed after creating the new context, when retried, then the context is reused', async () => {
    const { store, deps } = await given();
    store.beforeAppend = async (stream) => {
      if (stream === 'context-source') throw new Error('connection lost');
    };
    expect(await codeOf(shareContext(deps, share, metadata('cmd-1')))).toBe('Error: connection lost');
    store.beforeAppend = async () => undefined;
    await shareContext(deps, share, metadata('cmd-1', { now: '2026-01-01T00:09:00.000Z' }));
    expect(store.all.slice(3).map((event) => event.type)).toEqual(['ContextCreated', 'ContextShared']);
    expect(store.all[4]?.data).toMatchObject({ atVersion: 1, at: '2026-01-01T00:00:00.000Z' });
  });

  it('given the source is written concurrently, when shared, then it retries and records the version it copied', async () => {
    const { store, deps } = await given();
    let raced = false;
    store.beforeAppend = async (stream) => {
      if (stream !== 'context-source' || raced) return;
      raced = true;
      const write = { contextId: 'source', expectedVersion: 1, operations: [{ op: 'set' as const, path: 'b', value: 2 }] };
      await writeContext(deps, write, metadata('cmd-w'));
    };
    await shareContext(deps, share, metadata('cmd-1'));
    expect(store.stream('context-source').map((event) => event.type)).toEqual(['ContextCreated', 'ContextVersionWritten', 'ContextShared']);
    expect(store.stream(`context-${NEW_ID}`)).toHaveLength(1);
    expect(store.stream('context-source')[2]?.data).toMatchObject({ atVersion: 1 });
  });

  it('given the source belongs to another tenant, when shared, then CONTEXT.NOT_FOUND', async () => {
    const { deps } = await given();
    expect(await codeOf(shareContext(deps, share, metadata('cmd-1', { tenantId: OTHER_TENANT })))).toBe('CONTEXT.NOT_FOUND');
  });
});

describe('promoteContext', () => {
  it('when an agent context is promoted, then a global copy is created and ContextPromoted appended', async () => {
    const { store, deps } = await given();
    const result = await promoteContext(deps, { contextId: 'source' }, metadata('cmd-1'));
    expect(result).toMatchObject({ id: 'id(context/promote/cmd-1)', revision: 0 });
    expect(store.all.slice(3)).toMatchObject([
      { type: 'ContextCreated', data: { scope: 'global', provenance: { kind: 'promoted', fromContextId: 'source' } } },
      { type: 'ContextPromoted', data: { toContextId: 'id(context/promote/cmd-1)', atVersion: 1 } },
    ]);
  });

  it.each([
    ['temporary', { scope: 'temporary' as const }, 'CONTEXT.NOT_PROMOTABLE'],
    ['global', { scope: 'global' as const, actorRole: 'admin' as const }, 'CONTEXT.ALREADY_GLOBAL'],
  ])('given a %s context, when promoted, then %s and nothing is appended', async (_, request, code) => {
    const { store, deps } = setup();
    await createContext(deps, { contextId: 'c', ...request }, metadata('cmd-0'));
    expect(await codeOf(promoteContext(deps, { contextId: 'c' }, metadata('cmd-1')))).toBe(code);
    expect(store.all).toHaveLength(1);
  });
});
