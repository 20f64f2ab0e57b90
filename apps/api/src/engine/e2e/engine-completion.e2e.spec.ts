import { client } from '../../e2e/http-client';
import { engineApi, explicitPlan, taskIdsOf, type EngineHarness } from './engine-harness';

describe('given the api with the engine on a real PostgreSQL and scripted agents', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await engineApi();
    await h.registerAgent();
    await h.registerAgent({ name: 'reviewer', agentType: 'reviewer', primaryCapabilities: ['code_review'] });
  }, 90_000);
  afterAll(() => h?.close());

  it('when a session of a, b after a, and c is started, then it runs to completed on its own with every task completed once, in order', async () => {
    const id = await h.createSession({ planning: explicitPlan({ id: 'a' }, { id: 'b', dependsOn: ['a'] }, { id: 'c', capabilities: ['code_review'] }) });
    await h.start(id);
    expect(await h.waitForEnd(id)).toBe('SessionCompleted');
    const events = await h.sessionEvents(id);
    expect(taskIdsOf(events, 'TaskCompleted').sort()).toEqual(['a', 'b', 'c']);
    expect(taskIdsOf(events, 'CheckpointRecorded')).toHaveLength(3);
    const completedA = events.findIndex((e) => e.type === 'TaskCompleted' && e.data['taskId'] === 'a');
    const startedB = events.findIndex((e) => e.type === 'TaskStarted' && e.data['taskId'] === 'b');
    expect(completedA).toBeLessThan(startedB);
    for (const taskId of ['a', 'b', 'c']) {
      const types = events.filter((e) => e.data['taskId'] === taskId).map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(['TaskReady', 'TaskRouted', 'TaskAssigned', 'TaskStarted', 'TaskUsageRecorded', 'TaskCompleted', 'CheckpointRecorded']));
    }
    const routed = events.find((e) => e.type === 'TaskRouted' && e.data['taskId'] === 'c');
    expect(routed?.data).toMatchObject({ breakdown: expect.objectContaining({ tier: expect.any(Number), capability: expect.any(Number), load: expect.any(Number) }), alternatives: expect.any(Array) });
  }, 90_000);

  it('when a task writes what it learned, then the next task reads that version, and the write names the task as its provenance', async () => {
    const id = await h.createSession({ planning: explicitPlan({ id: 'first' }, { id: 'second', dependsOn: ['first'] }) });
    await h.start(id);
    expect(await h.waitForEnd(id)).toBe('SessionCompleted');
    const events = await h.sessionEvents(id);
    const firstDone = events.find((e) => e.type === 'TaskCompleted' && e.data['taskId'] === 'first');
    const secondStart = events.find((e) => e.type === 'TaskStarted' && e.data['taskId'] === 'second');
    const written = firstDone?.data['contextWrites'] as { contextId: string; version: number }[];
    expect(written).toEqual([{ contextId: id, version: 2 }]);
    expect(secondStart?.data['contextReads']).toEqual([{ contextId: id, version: 2 }]);
    const context = await h.log.stream(`context-${id}`);
    const write = context.find((e) => e.type === 'ContextVersionWritten' && e.data['version'] === 2);
    expect(write?.data['source']).toEqual({ sessionId: id, taskId: 'first', attempt: 1 });
    expect(String(write?.metadata['actor'])).toMatch(/^agent:/);
  }, 90_000);

  it("when a task is done, then its diff is queryable, and the session's branch holds the files every task wrote", async () => {
    const id = await h.createSession({ planning: explicitPlan({ id: 'api' }, { id: 'docs', dependsOn: ['api'] }) });
    await h.start(id);
    expect(await h.waitForEnd(id)).toBe('SessionCompleted');
    const diff = await h.admin.get<{ changedFiles: string[]; patch: string; diffStats: { files: number } }>(`/sessions/${id}/tasks/docs/diff`);
    expect(diff.status).toBe(200);
    expect(diff.body.changedFiles).toEqual(['notes/docs.md', 'src/build-the-docs-part.ts']);
    expect(diff.body.patch).toContain('+++ b/src/build-the-docs-part.ts');
    const checkpoint = (await h.sessionEvents(id)).filter((e) => e.type === 'CheckpointRecorded').at(-1);
    expect(checkpoint?.data['commitSha']).toMatch(/^[0-9a-f]{40}$/);
  }, 90_000);

  it("when an agent key writes another session's context, then 403 CONTEXT.AGENT_NOT_ALLOWED and nothing is appended", async () => {
    const id = await h.createSession({ planning: explicitPlan({ id: 'x' }) });
    const otherAgent = await h.registerAgent({ name: 'other-agent' });
    const agentKey = (await h.admin.post<{ key: string }>('/keys', { name: 'an agent', role: 'agent', agentId: otherAgent })).body.key;
    // The engine may still be appending for the sessions before this one: what must not grow is this context and that agent's own writes.
    const before = (await h.log.stream(`context-${id}`)).length;
    const reply = await client(h.api.baseUrl, agentKey).patch(`/contexts/${id}`, { expectedVersion: 1, operations: [{ op: 'set', path: 'x', value: 1 }], source: { sessionId: id, taskId: 'x', attempt: 1 } });
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ code: 'CONTEXT.AGENT_NOT_ALLOWED' });
    expect((await h.log.stream(`context-${id}`)).length).toBe(before);
    expect(await h.log.countByActor(`agent:${otherAgent}`)).toBe(0);
  }, 60_000);
});
