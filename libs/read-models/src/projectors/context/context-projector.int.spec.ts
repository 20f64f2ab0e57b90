import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@orch/testing';
import { projectUpTo } from '../../test-support/catch-up';
import { appendFacts, fact, TestClock } from '../../test-support/events';
import { setUpReadModels, type ReadModelHarness } from '../../test-support/harness';
import { contextProjector } from './context-projector';

const tenantId = 'tenant-a';
const engine = { actor: 'system:engine', tenantId };
const noChanges = { added: [], modified: [], deleted: [] };

describe('context projector', () => {
  let h: ReadModelHarness;
  beforeAll(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_contexts'));
  });
  afterAll(() => h.dispose());

  it('keeps the current document and one snapshot per version with its changes and provenance', async () => {
    const contextId = randomUUID();
    const stream = `context-${contextId}`;
    const clock = new TestClock();
    const source = { sessionId: 's-1', taskId: 'implement', attempt: 2 };
    await appendFacts(h.store, stream, engine, [
      fact('ContextCreated', clock.next(), { contextId, tenantId, scope: 'session', sessionId: 's-1', document: { goal: 'login', files: ['a.ts'] }, version: 1 }),
    ]);
    await appendFacts(h.store, stream, { actor: 'agent:agent-1', tenantId }, [
      fact('ContextVersionWritten', clock.next(), {
        version: 2,
        operations: [
          { op: 'set', path: 'decisions.db', value: 'postgres' },
          { op: 'delete', path: 'goal' },
        ],
        changes: { added: ['decisions.db'], modified: [], deleted: ['goal'] },
        source,
      }),
    ]);
    await appendFacts(h.store, stream, engine, [
      fact('ContextMerged', clock.next(), {
        version: 3,
        sourceContextId: 'other',
        sourceVersion: 4,
        strategy: 'manual',
        operations: [{ op: 'set', path: 'decisions.cache', value: 'redis' }],
        changes: { added: ['decisions.cache'], modified: [], deleted: [] },
        conflicts: [{ path: 'files', targetValue: ['a.ts'], sourceValue: ['b.ts'] }],
      }),
    ]);
    await appendFacts(h.store, stream, engine, [fact('ContextShared', clock.next(), { toContextId: 'ctx-2', toSessionId: 's-2', atVersion: 3 })]);
    const expiredAt = clock.next();
    const position = await appendFacts(h.store, stream, engine, [fact('ContextExpired', expiredAt)]);
    await projectUpTo(h.db, h.store, position, [contextProjector]);

    const document = await h.db.selectFrom('context_documents').selectAll().where('context_id', '=', contextId).executeTakeFirstOrThrow();
    expect(document).toMatchObject({
      version: 3,
      status: 'expired',
      expired_at: expiredAt,
      document: { files: ['a.ts'], decisions: { db: 'postgres', cache: 'redis' } },
      open_conflicts: [{ path: 'files', targetValue: ['a.ts'], sourceValue: ['b.ts'] }],
      shares: [{ kind: 'shared', toContextId: 'ctx-2', toSessionId: 's-2', atVersion: 3 }],
    });
    const versions = await h.db.selectFrom('context_versions').selectAll().where('context_id', '=', contextId).orderBy('version').execute();
    expect(versions.map((v) => [v.version, v.kind, v.document, v.actor])).toEqual([
      [1, 'created', { goal: 'login', files: ['a.ts'] }, 'system:engine'],
      [2, 'written', { files: ['a.ts'], decisions: { db: 'postgres' } }, 'agent:agent-1'],
      [3, 'merged', { files: ['a.ts'], decisions: { db: 'postgres', cache: 'redis' } }, 'system:engine'],
    ]);
    expect(versions[0]?.changes).toEqual(noChanges);
    expect(versions[1]).toMatchObject({ source_session_id: 's-1', source_task_id: 'implement', source_attempt: 2 });
    expect(versions[2]?.merge).toMatchObject({ sourceContextId: 'other', sourceVersion: 4, strategy: 'manual' });
  });
});
