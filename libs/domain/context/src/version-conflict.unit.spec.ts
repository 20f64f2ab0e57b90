import { spec } from '@orch/kernel/testing';
import { contextDecider } from './context.decider';
import { at, created, del, merge, mergeContext, set, written, writeContext } from './testing/context.mother';

/** Version 3 is current; after version 1 only `a.b` (v2) and `x.y` (v3, deleted) changed. */
const history = [
  created({ document: { a: { b: 1, c: 1 }, k: 1 } }),
  written(2, [set('a.b', 2)], { modified: ['a.b'] }),
  written(3, [set('x.y', 1), del('x')], { deleted: ['x.y'] }),
];
const stale = (operations: Parameters<typeof writeContext>[1]) =>
  spec(contextDecider).given(history).when(writeContext(1, operations));

describe('VERSION_CONFLICT and its conflictingPaths', () => {
  it('names a command path equal to a path changed after expectedVersion', () => {
    stale([set('a.b', 9)]).thenThrows('CONTEXT.VERSION_CONFLICT', {
      expectedVersion: 1,
      actualVersion: 3,
      conflictingPaths: ['a.b'],
    });
  });

  it('names a command path above a changed path', () => {
    stale([set('a', 9)]).thenThrows('CONTEXT.VERSION_CONFLICT', { conflictingPaths: ['a'] });
  });

  it('names a command path below a changed path', () => {
    stale([set('a.b.z', 9)]).thenThrows('CONTEXT.VERSION_CONFLICT', { conflictingPaths: ['a.b.z'] });
  });

  it('counts deleted paths as changed', () => {
    stale([del('x')]).thenThrows('CONTEXT.VERSION_CONFLICT', { conflictingPaths: ['x'] });
  });

  it('leaves out unrelated paths (siblings, shared name prefixes), sorted and unique', () => {
    stale([set('a.c', 1), set('a.bb', 1), set('k', 2), set('x.y', 1), set('a', 1), set('a.b', 1), set('a', 2)]).thenThrows(
      'CONTEXT.VERSION_CONFLICT',
      { conflictingPaths: ['a', 'a.b', 'x.y'] },
    );
  });

  it('gives an empty list when a retry on the actual version collides with nobody', () => {
    stale([set('k', 2), set('a.c', 3)]).thenThrows('CONTEXT.VERSION_CONFLICT', { conflictingPaths: [] });
  });

  it('ignores changes at or before expectedVersion', () => {
    spec(contextDecider)
      .given(history)
      .when(writeContext(2, [set('a.b', 9)]))
      .thenThrows('CONTEXT.VERSION_CONFLICT', { expectedVersion: 2, actualVersion: 3, conflictingPaths: [] });
  });

  it('a merge operation conflicts through every leaf it would write', () => {
    stale([merge('a', { b: { deep: 1 }, c: 2 }), merge('', { x: {} })]).thenThrows('CONTEXT.VERSION_CONFLICT', {
      conflictingPaths: ['a.b.deep', 'x'],
    });
  });

  it('a MergeContext conflicts through every leaf of the source document', () => {
    spec(contextDecider)
      .given(history)
      .when(mergeContext(1, 'prefer_source', { document: { a: { b: 5, c: 1 }, x: { y: { z: 1 } }, k: 0 } }))
      .thenThrows('CONTEXT.VERSION_CONFLICT', { conflictingPaths: ['a.b', 'x.y.z'] });
  });

  it('a future expectedVersion conflicts with nobody', () => {
    spec(contextDecider)
      .given(history)
      .when(writeContext(7, [set('a.b', 1)]))
      .thenThrows('CONTEXT.VERSION_CONFLICT', { expectedVersion: 7, actualVersion: 3, conflictingPaths: [] });
  });

  it('creation counts as the change of version 1', () => {
    spec(contextDecider)
      .given(history)
      .when(writeContext(0, [set('k', 2)]))
      .thenThrows('CONTEXT.VERSION_CONFLICT', { conflictingPaths: ['k'] });
  });

  it('a no-op on a stale version is still a conflict', () => {
    spec(contextDecider)
      .given([...history, written(4, [set('k', 5)], { modified: ['k'] }, at(40))])
      .when(writeContext(3, [set('k', 5)]))
      .thenThrows('CONTEXT.VERSION_CONFLICT', { conflictingPaths: ['k'] });
  });
});
