import { createTestDatabase } from '@orch/testing';
import { projectUpTo } from '../../test-support/catch-up';
import { setUpReadModels, type ReadModelHarness } from '../../test-support/harness';
import { seedWorkedSession } from '../../test-support/query-fixtures';
import { ReadModelQueries } from '../read-model-queries';

const A = 'tenant-a';
const B = 'tenant-b';

describe('context queries', () => {
  let h: ReadModelHarness;
  let queries: ReadModelQueries;
  let contextId: string;
  let foreign: string;

  beforeAll(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_q_contexts'));
    queries = new ReadModelQueries({ db: h.db, store: h.store });
    contextId = (await seedWorkedSession(h.store, A)).contextId;
    const other = await seedWorkedSession(h.store, B);
    foreign = other.contextId;
    await projectUpTo(h.db, h.store, other.position);
  });
  afterAll(() => h.dispose());

  it('given a context written twice, then the document is the current one', async () => {
    expect(await queries.contexts.document(A, contextId)).toMatchObject({
      id: contextId,
      scope: 'session',
      sessionId: contextId,
      status: 'active',
      version: 3,
      document: { goal: 'ship', files: [], notes: { a: 'done a', b: 'done b' } },
    });
  });

  it('given three versions, then they are listed newest first without documents, and cursors page them', async () => {
    const all = await queries.contexts.versions(A, contextId, {});
    expect(all?.items.map((version) => [version.version, version.kind])).toEqual([
      [3, 'written'],
      [2, 'written'],
      [1, 'created'],
    ]);
    expect(all?.items[0]).toMatchObject({ changes: { added: ['notes.b'] }, source: { taskId: 'b', attempt: 1 }, actor: expect.stringMatching(/^agent:/) });
    expect(all?.items[0]).not.toHaveProperty('document');
    const first = await queries.contexts.versions(A, contextId, { limit: 2 });
    const rest = await queries.contexts.versions(A, contextId, { limit: 2, cursor: first?.nextCursor ?? '' });
    expect([...(first?.items ?? []), ...(rest?.items ?? [])].map((version) => version.version)).toEqual([3, 2, 1]);
    expect(rest?.nextCursor).toBeNull();
  });

  it('given one version, then its document is as it was then, with the operations that made it', async () => {
    expect(await queries.contexts.version(A, contextId, 2)).toMatchObject({
      contextId,
      version: 2,
      document: { goal: 'ship', files: [], notes: { a: 'done a' } },
      operations: [{ op: 'set', path: 'notes.a', value: 'done a' }],
    });
  });

  it('given two versions, then the diff is the domain diff of their documents, in either direction', async () => {
    expect(await queries.contexts.diff(A, contextId, 1, 3)).toEqual({
      contextId,
      from: 1,
      to: 3,
      added: [
        { path: 'notes.a', value: 'done a' },
        { path: 'notes.b', value: 'done b' },
      ],
      modified: [],
      deleted: [],
    });
    expect(await queries.contexts.diff(A, contextId, 3, 2)).toMatchObject({ added: [], deleted: [{ path: 'notes.b', value: 'done b' }] });
  });

  it('given a version that does not exist, then CONTEXT.VERSION_NOT_FOUND', async () => {
    await expect(queries.contexts.version(A, contextId, 9)).rejects.toMatchObject({ code: 'CONTEXT.VERSION_NOT_FOUND' });
    await expect(queries.contexts.diff(A, contextId, 1, 9)).rejects.toMatchObject({ code: 'CONTEXT.VERSION_NOT_FOUND' });
  });

  it("given another tenant's context, then every context query answers undefined", async () => {
    expect(await queries.contexts.document(A, foreign)).toBeUndefined();
    expect(await queries.contexts.versions(A, foreign, {})).toBeUndefined();
    expect(await queries.contexts.version(A, foreign, 1)).toBeUndefined();
    expect(await queries.contexts.diff(A, foreign, 1, 2)).toBeUndefined();
    expect(await queries.contexts.document(B, contextId)).toBeUndefined();
  });
});
