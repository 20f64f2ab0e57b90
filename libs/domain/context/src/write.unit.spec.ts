import { spec } from '@orch/kernel/testing';
import { contextDecider } from './context.decider';
import { at, changes, created, del, merge, set, written, writeContext } from './testing/context.mother';

const given = (document = {}) => spec(contextDecider).given([created({ document })]);
const version2 = (operations: Parameters<typeof written>[1], recorded: Parameters<typeof written>[2]) =>
  written(2, operations, recorded, at(30));

describe('WriteContext: set', () => {
  it('sets a value, creating missing intermediate objects', () => {
    const op = set('a.b.c', 1);
    given({}).when(writeContext(1, [op])).then([version2([op], { added: ['a.b.c'] })]);
  });

  it('replaces a value of any JSON type and records it as modified', () => {
    const op = set('a', [1, { x: null }]);
    given({ a: 'old' }).when(writeContext(1, [op])).then([version2([op], { modified: ['a'] })]);
  });

  it('replacing an object by a scalar deletes its leaves and adds the new leaf', () => {
    const op = set('a', 1);
    given({ a: { b: 1, c: 2 } })
      .when(writeContext(1, [op]))
      .then([version2([op], { added: ['a'], deleted: ['a.b', 'a.c'] })]);
  });

  it('meets a scalar where an object is needed: PATH_CONFLICT at that path', () => {
    given({ a: { b: 5 } }).when(writeContext(1, [set('a.b.c', 1)])).thenThrows('CONTEXT.PATH_CONFLICT', { path: 'a.b' });
  });

  it('never traverses arrays: an array on the way is a PATH_CONFLICT', () => {
    given({ a: [{ b: 1 }] }).when(writeContext(1, [set('a.b', 1)])).thenThrows('CONTEXT.PATH_CONFLICT', { path: 'a' });
  });
});

describe('WriteContext: delete', () => {
  it('removes a key, leaving an empty parent as a leaf', () => {
    const op = del('a.b');
    given({ a: { b: 1 } }).when(writeContext(1, [op])).then([version2([op], { added: ['a'], deleted: ['a.b'] })]);
  });

  it('removes a whole subtree', () => {
    const op = del('a');
    given({ a: { b: 1, c: { d: 2 } }, e: 3 })
      .when(writeContext(1, [op]))
      .then([version2([op], { deleted: ['a.b', 'a.c.d'] })]);
  });

  it('a missing key is no change (a no-op when alone)', () => {
    given({ a: 1 }).when(writeContext(1, [del('b.c')])).then([]);
  });

  it('a key under a non-object is missing too', () => {
    given({ a: 1 }).when(writeContext(1, [del('a.b')])).then([]);
  });
});

describe('WriteContext: merge', () => {
  it('deep-merges: objects recurse, scalars and arrays replace', () => {
    const op = merge('cfg', { db: { port: 5433 }, tags: ['x'] });
    given({ cfg: { db: { host: 'h', port: 5432 }, tags: ['a', 'b'] } })
      .when(writeContext(1, [op]))
      .then([version2([op], { modified: ['cfg.db.port', 'cfg.tags'] })]);
  });

  it('creates the object at the path when missing', () => {
    const op = merge('a.b', { c: 1 });
    given({}).when(writeContext(1, [op])).then([version2([op], { added: ['a.b.c'] })]);
  });

  it('merges into the root with the empty path', () => {
    const op = merge('', { a: { b: 2 } });
    given({ a: { c: 1 } }).when(writeContext(1, [op])).then([version2([op], { added: ['a.b'] })]);
  });

  it('an object replaces a scalar inside the merged value', () => {
    const op = merge('', { a: { b: 1 } });
    given({ a: 1 }).when(writeContext(1, [op])).then([version2([op], { added: ['a.b'], deleted: ['a'] })]);
  });

  it('a non-object at the path is a PATH_CONFLICT', () => {
    given({ a: 'text' }).when(writeContext(1, [merge('a', { b: 1 })])).thenThrows('CONTEXT.PATH_CONFLICT', { path: 'a' });
  });

  it('needs an object value', () => {
    given({})
      .when(writeContext(1, [{ op: 'merge', path: 'a', value: [1] as never }]))
      .thenThrows('COMMAND.FIELD_INVALID', { field: 'operations[0].value', rule: 'object' });
  });
});

describe('WriteContext: one command, one version', () => {
  it('applies operations in order as one event, version + 1', () => {
    const ops = [set('a', 1), set('a', 2), set('b.c', true), del('b.c')];
    given({}).when(writeContext(1, ops)).then([version2(ops, { added: ['a', 'b'] })]);
  });

  it('is all or nothing: a later conflict rejects the earlier operations too', () => {
    spec(contextDecider)
      .given([created({ document: { n: 1 } })])
      .when(writeContext(1, [set('a', 1), set('n.x', 2)]))
      .thenThrows('CONTEXT.PATH_CONFLICT', { path: 'n' });
  });

  it('an operation may rely on an earlier one of the same command', () => {
    const ops = [set('a', 1), set('a.b', 2)];
    given({}).when(writeContext(1, ops)).thenThrows('CONTEXT.PATH_CONFLICT', { path: 'a' });
  });

  it('a write that changes nothing is a no-op: no event', () => {
    given({ a: { b: [1, 2] }, c: 'x' })
      .when(writeContext(1, [set('a.b', [1, 2]), merge('', { c: 'x' }), del('zzz')]))
      .then([]);
  });

  it('set then delete of a new key in one command changes nothing', () => {
    given({}).when(writeContext(1, [set('a', 1), del('a')])).then([]);
  });

  it('never mutates the values of the command while later operations build on them', () => {
    const value = { b: { c: 1 } };
    const ops = [set('a', value), merge('a', { b: { d: 2 } }), set('a.b.e', 3)];
    given({}).when(writeContext(1, ops)).then([version2(ops, { added: ['a.b.c', 'a.b.d', 'a.b.e'] })]);
    expect(value).toEqual({ b: { c: 1 } });
  });

  it('the next write builds on the recorded version', () => {
    const first = set('a', 1);
    const op = set('a', 2);
    spec(contextDecider)
      .given([created(), written(2, [first], { added: ['a'] })])
      .when(writeContext(2, [op]))
      .then([written(3, [op], { modified: ['a'] }, at(30))]);
  });

  it('records the task source of the write', () => {
    const source = { sessionId: 's-1', taskId: 'build', attempt: 2 };
    const op = set('a', 1);
    given({})
      .when({ ...writeContext(1, [op]), data: { ...writeContext(1, [op]).data, source } })
      .then([{ type: 'ContextVersionWritten', data: { version: 2, operations: [op], changes: changes({ added: ['a'] }), source, at: at(30) } }]);
  });

  it.each([0, 101])('takes 1..100 operations (%i refused)', (count) => {
    const ops = Array.from({ length: count }, (_, i) => set(`k${i}`, i));
    given({}).when(writeContext(1, ops)).thenThrows('COMMAND.FIELD_INVALID', { field: 'operations' });
  });

  it('takes exactly 100 operations', () => {
    const ops = Array.from({ length: 100 }, (_, i) => set(`k${i}`, i));
    spec(contextDecider)
      .given([created()])
      .when(writeContext(1, ops))
      .thenMatches((events) => expect(events).toHaveLength(1));
  });

  it('an unknown operation is a malformed field', () => {
    given({})
      .when(writeContext(1, [{ op: 'push', path: 'a' } as never]))
      .thenThrows('COMMAND.FIELD_INVALID', { field: 'operations[0].op', rule: 'enum' });
  });

  it('needs an existing context of the tenant', () => {
    spec(contextDecider).given([]).when(writeContext(1, [set('a', 1)])).thenThrows('CONTEXT.NOT_FOUND');
    spec(contextDecider)
      .given([created({ tenantId: 'tenant-b' })])
      .when(writeContext(1, [set('a', 1)]))
      .thenThrows('CONTEXT.NOT_FOUND');
  });
});
