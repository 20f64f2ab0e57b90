import { randomUUID } from 'node:crypto';
import type { EventStore } from '@orch/application';
import { startApi, type RunningApi } from '../e2e/api-process';
import { openEventLog } from '../e2e/event-count';
import { client } from '../e2e/http-client';
import { lastEvent, openStore, seedStream, typesIn } from './context-e2e.fixture';

interface Answer {
  readonly id: string;
  readonly revision: number;
  readonly position: number;
  readonly code?: string;
  readonly details?: Record<string, unknown>;
  readonly errors?: { field: string }[];
}

const TENANT = 'default';
const setB = (value: number) => ({ op: 'set', path: 'a.b', value });

describe('given the api running on a real PostgreSQL, the context commands', () => {
  let api: RunningApi;
  let log: Awaited<ReturnType<typeof openEventLog>>;
  let store: EventStore;
  let admin: ReturnType<typeof client>;

  beforeAll(async () => {
    api = await startApi();
    log = await openEventLog(api.databaseUrl);
    store = await openStore(api.databaseUrl);
    admin = client(api.baseUrl, api.adminKey);
  }, 90_000);

  afterAll(async () => {
    await store?.close();
    await log?.close();
    await api?.stop();
  });

  const create = async (body: Record<string, unknown>, headers?: Record<string, string>) => admin.post<Answer>('/contexts', body, headers);
  const global = async (document: Record<string, unknown>) => (await create({ scope: 'global', document })).body.id;

  /** Runs `request` and says how many events it appended. */
  async function appended<T>(request: () => Promise<T>): Promise<[T, number]> {
    const before = await log.count();
    const result = await request();
    return [result, (await log.count()) - before];
  }

  it('when an admin creates a global context and writes it at its version, then 201 then 200 with revision and position', async () => {
    const created = await create({ scope: 'global', document: { a: { b: 1 } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), revision: 0, position: expect.any(Number) });
    const written = await admin.patch<Answer>(`/contexts/${created.body.id}`, { expectedVersion: 1, operations: [setB(2)] });
    expect(written.status).toBe(200);
    expect(written.body).toEqual({ id: created.body.id, revision: 1, position: expect.any(Number) });
    expect(written.body.position).toBeGreaterThan(created.body.position);
  });

  it('when a write names a stale expectedVersion, then 409 VERSION_CONFLICT with the conflicting paths and nothing is appended', async () => {
    const id = await global({ a: { b: 1 } });
    await admin.patch(`/contexts/${id}`, { expectedVersion: 1, operations: [setB(2)] });
    const stale = { expectedVersion: 1, operations: [{ op: 'merge', path: 'a', value: { b: 3, c: 1 } }] };
    const [reply, count] = await appended(() => admin.patch<Answer>(`/contexts/${id}`, stale));
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({
      code: 'CONTEXT.VERSION_CONFLICT',
      details: { expectedVersion: 1, actualVersion: 2, conflictingPaths: ['a.b'] },
    });
    expect(count).toBe(0);
  });

  it('when the body has unknown fields or an unknown op, then 400 names each and nothing is appended', async () => {
    const id = await global({});
    const operations = [
      { op: 'set', path: 'a', value: 1, extra: true },
      { op: 'append', path: 'b', value: 2 },
      { op: 'delete', path: 'c', value: 1 },
    ];
    const [reply, count] = await appended(() => admin.patch<Answer>(`/contexts/${id}`, { expectedVersion: 1, operations, surprise: 1 }));
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('COMMAND.FIELD_INVALID');
    const fields = new Set(reply.body.errors?.map((e) => e.field));
    expect(fields).toEqual(new Set(['surprise', 'operations.0.extra', 'operations.1.op', 'operations.2.value']));
    expect(count).toBe(0);
  });

  it('when a write has 101 operations or an oversized path, then 400 and nothing is appended', async () => {
    const id = await global({});
    const many = Array.from({ length: 101 }, (_, i) => ({ op: 'set', path: `k${i}`, value: i }));
    const [tooMany, first] = await appended(() => admin.patch<Answer>(`/contexts/${id}`, { expectedVersion: 1, operations: many }));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors?.map((e) => e.field)).toContain('operations');
    const long = [{ op: 'set', path: 'p'.repeat(4201), value: 1 }];
    const [tooLong, second] = await appended(() => admin.patch<Answer>(`/contexts/${id}`, { expectedVersion: 1, operations: long }));
    expect(tooLong.body.errors?.map((e) => e.field)).toEqual(['operations.0.path']);
    expect(first + second).toBe(0);
  });

  it('when an operator creates a global context, then 400 SCOPE_OWNER_INVALID; an auditor may not write (403)', async () => {
    const operator = (await admin.post<{ key: string }>('/keys', { name: 'ops', role: 'operator' })).body.key;
    const auditor = (await admin.post<{ key: string }>('/keys', { name: 'audit', role: 'auditor' })).body.key;
    const [refused, count] = await appended(() => client(api.baseUrl, operator).post<Answer>('/contexts', { scope: 'global' }));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'CONTEXT.SCOPE_OWNER_INVALID', details: { scope: 'global' } });
    expect((await client(api.baseUrl, operator).post('/contexts', { scope: 'temporary', ttlSeconds: 600 })).status).toBe(201);
    expect((await client(api.baseUrl, auditor).post('/contexts', { scope: 'temporary' })).status).toBe(403);
    expect(count).toBe(0);
  });

  it('when two contexts are merged with the manual strategy, then the differences are recorded as conflicts', async () => {
    const target = await global({ x: 1, y: 1 });
    const source = await global({ x: 2, z: 3 });
    const body = { targetContextId: target, sourceContextId: source, expectedVersion: 1, strategy: 'manual' };
    const merged = await admin.post<Answer>('/contexts/merge', body);
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: target, revision: 1 });
    expect((await lastEvent(store, target))?.data).toMatchObject({
      sourceContextId: source,
      sourceVersion: 1,
      changes: { added: ['z'], modified: [], deleted: [] },
      conflicts: [{ path: 'x', targetValue: 1, sourceValue: 2 }],
    });
  });

  it('when a context is shared to a session that does not exist, then 400 SCOPE_OWNER_INVALID and nothing is appended', async () => {
    const id = await global({ a: 1 });
    const [reply, count] = await appended(() => admin.post<Answer>(`/contexts/${id}/share`, { targetSessionId: randomUUID() }));
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'CONTEXT.SCOPE_OWNER_INVALID', details: { scope: 'session' } });
    expect(count).toBe(0);
  });

  it('when a context is shared to a session of the tenant, then the copy is created, then ContextShared, once per Idempotency-Key', async () => {
    const sessionId = randomUUID();
    await seedStream(store, `session-${sessionId}`, 'SessionCreated', TENANT, { sessionId });
    const id = await global({ a: 1 });
    const share = () => admin.post<Answer>(`/contexts/${id}/share`, { targetSessionId: sessionId }, { 'idempotency-key': `share-${id}` });
    const [first, count] = await appended(share);
    const [again, repeated] = await appended(share);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: expect.any(String), revision: 0, position: expect.any(Number) });
    expect(again.body).toMatchObject({ id: first.body.id, position: first.body.position });
    expect([count, repeated]).toEqual([2, 0]);
    expect(await typesIn(store, id)).toEqual(['ContextCreated', 'ContextShared']);
    expect((await store.readStream(`context-${first.body.id}`))[0]?.data).toMatchObject({
      scope: 'session',
      sessionId,
      document: { a: 1 },
      provenance: { kind: 'shared', fromContextId: id, fromVersion: 1 },
    });
  });

  it('when an agent context is promoted, then a global copy is made; a global or temporary one is refused', async () => {
    const agentId = randomUUID();
    await seedStream(store, `agent-${agentId}`, 'AgentRegistered', TENANT, { agentId });
    const agentContext = (await create({ scope: 'agent', agentId, document: { tip: 'x' } })).body.id;
    const promoted = await admin.post<Answer>(`/contexts/${agentContext}/promote`, {});
    expect(promoted.status).toBe(200);
    expect((await store.readStream(`context-${promoted.body.id}`))[0]?.data).toMatchObject({ scope: 'global', document: { tip: 'x' } });
    const temporary = (await create({ scope: 'temporary' })).body.id;
    const [notPromotable, count] = await appended(() => admin.post<Answer>(`/contexts/${temporary}/promote`, {}));
    expect([notPromotable.status, notPromotable.body.code]).toEqual([422, 'CONTEXT.NOT_PROMOTABLE']);
    const alreadyGlobal = await admin.post<Answer>(`/contexts/${promoted.body.id}/promote`, {});
    expect([alreadyGlobal.status, alreadyGlobal.body.code]).toEqual([409, 'CONTEXT.ALREADY_GLOBAL']);
    expect(count).toBe(0);
  });

  it('when a create is repeated with the same Idempotency-Key, then it answers the same context and appends once', async () => {
    const headers = { 'idempotency-key': `create-${randomUUID()}` };
    const [first, count] = await appended(() => create({ scope: 'global', document: { n: 1 } }, headers));
    const [again, repeated] = await appended(() => create({ scope: 'global', document: { n: 1 } }, headers));
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: first.body.id, revision: 0, position: first.body.position });
    expect([count, repeated]).toEqual([1, 0]);
  });

  it("given another tenant's context, when written or merged from, then 404 CONTEXT.NOT_FOUND", async () => {
    const foreign = randomUUID();
    const data = { contextId: foreign, tenantId: 'other', scope: 'global', document: { secret: 1 }, version: 1 };
    await seedStream(store, `context-${foreign}`, 'ContextCreated', 'other', data);
    const deleteSecret = { expectedVersion: 1, operations: [{ op: 'delete', path: 'secret' }] };
    const written = await admin.patch<Answer>(`/contexts/${foreign}`, deleteSecret);
    expect([written.status, written.body.code]).toEqual([404, 'CONTEXT.NOT_FOUND']);
    const target = await global({});
    const body = { targetContextId: target, sourceContextId: foreign, expectedVersion: 1, strategy: 'prefer_source' };
    const merged = await admin.post<Answer>('/contexts/merge', body);
    expect([merged.status, merged.body.code]).toEqual([404, 'CONTEXT.NOT_FOUND']);
  });

  it('when the context id in the path is not a UUID, then 400', async () => {
    expect((await admin.post<Answer>('/contexts/not-a-uuid/promote', {})).status).toBe(400);
  });
});
