import type { JsonObject } from '@orch/kernel';
import { spec } from '@orch/kernel/testing';
import type { MergeStrategy } from './context.commands';
import { contextDecider } from './context.decider';
import type { MergeConflict } from './context.events';
import { at, changes, CONTEXT_ID, created, merged, mergeContext, set, T0, written } from './testing/context.mother';

/** Target changed `a` at T0 (creation); the source's times are given per case. */
const target = (document: JsonObject) => spec(contextDecider).given([created({ document })]);
const when = (strategy: MergeStrategy, document: JsonObject, pathTimes: Record<string, string> = {}) =>
  mergeContext(1, strategy, { document, pathTimes });

const mergedEvent = (
  strategy: MergeStrategy,
  operations: ReturnType<typeof set>[],
  recorded: Parameters<typeof changes>[0],
  conflicts: MergeConflict[] = [],
  version = 2,
) => merged({ version, strategy, operations, changes: changes(recorded), conflicts, at: at(30) });

const ALL: MergeStrategy[] = ['last_write_wins', 'deep_merge', 'manual', 'prefer_source', 'prefer_target'];

describe('MergeContext: rows every strategy shares', () => {
  it.each(ALL)('%s adds a key only in the source', (strategy) => {
    target({ a: 1 })
      .when(when(strategy, { a: 1, b: { c: [1] } }))
      .then([mergedEvent(strategy, [set('b', { c: [1] })], { added: ['b.c'] })]);
  });

  it.each(ALL)('%s keeps a key only in the target and a deeply equal key: a no-op', (strategy) => {
    target({ a: { x: [1, { y: 2 }] }, t: 1 })
      .when(when(strategy, { a: { x: [1, { y: 2 }] } }))
      .then([]);
  });

  it.each(ALL)('%s recurses when both sides are objects', (strategy) => {
    target({ o: { keep: 1, same: 2 } })
      .when(when(strategy, { o: { same: 2, fresh: 3 } }))
      .then([mergedEvent(strategy, [set('o.fresh', 3)], { added: ['o.fresh'] })]);
  });
});

describe('MergeContext: differing arrays', () => {
  const doc = { list: [1, { id: 2 }, 3] };
  const src = { list: [3, { id: 2 }, 4, 4, 5] };
  const newer = { 'list': at(10) };

  it('last_write_wins takes the newer side', () => {
    target(doc).when(when('last_write_wins', src, newer)).then([
      mergedEvent('last_write_wins', [set('list', src.list)], { modified: ['list'] }),
    ]);
  });

  it('deep_merge appends the source items not already present (deep equality)', () => {
    const list = [1, { id: 2 }, 3, 4, 5];
    target(doc).when(when('deep_merge', src)).then([mergedEvent('deep_merge', [set('list', list)], { modified: ['list'] })]);
  });

  it('deep_merge with every source item present is a no-op', () => {
    target(doc).when(when('deep_merge', { list: [3, 1] })).then([]);
  });

  it('manual keeps the target and records a conflict', () => {
    target(doc).when(when('manual', src)).then([
      mergedEvent('manual', [], {}, [{ path: 'list', targetValue: doc.list, sourceValue: src.list }]),
    ]);
  });

  it('prefer_source takes the source, prefer_target keeps the target (a no-op)', () => {
    target(doc).when(when('prefer_source', src)).then([
      mergedEvent('prefer_source', [set('list', src.list)], { modified: ['list'] }),
    ]);
    target(doc).when(when('prefer_target', src)).then([]);
  });
});

describe('MergeContext: any other difference', () => {
  const doc = { v: 1, o: { deep: 1 } };
  const src = { v: 'one', o: 'flat' };

  it('deep_merge and prefer_source take the source value', () => {
    const ops = [set('o', 'flat'), set('v', 'one')];
    const recorded = { added: ['o'], modified: ['v'], deleted: ['o.deep'] };
    target(doc).when(when('deep_merge', src)).then([mergedEvent('deep_merge', ops, recorded)]);
    target(doc).when(when('prefer_source', src)).then([mergedEvent('prefer_source', ops, recorded)]);
  });

  it('manual records one conflict per differing key, sorted by path', () => {
    target(doc).when(when('manual', src)).then([
      mergedEvent('manual', [], {}, [
        { path: 'o', targetValue: { deep: 1 }, sourceValue: 'flat' },
        { path: 'v', targetValue: 1, sourceValue: 'one' },
      ]),
    ]);
  });

  it('prefer_target keeps the target: a no-op', () => {
    target(doc).when(when('prefer_target', src)).then([]);
  });
});

describe('MergeContext: last_write_wins', () => {
  const history = [created({ document: { a: { x: 1 }, b: 1 } }), written(2, [set('a.x', 2)], { modified: ['a.x'] }, at(20))];
  const given = spec(contextDecider).given(history);
  const lww = (document: JsonObject, pathTimes: Record<string, string>) =>
    mergeContext(2, 'last_write_wins', { document, pathTimes });
  const event = (operations: ReturnType<typeof set>[], recorded: Parameters<typeof changes>[0]) =>
    mergedEvent('last_write_wins', operations, recorded, [], 3);

  it('keeps the target when the target changed later', () => {
    given.when(lww({ a: 's', b: 2 }, { a: at(10), b: at(10) })).then([event([set('b', 2)], { modified: ['b'] })]);
  });

  it('uses the latest time of anything under the key', () => {
    given.when(lww({ a: 's' }, { a: at(10), 'a.q': at(25) })).then([event([set('a', 's')], { added: ['a'], deleted: ['a.x'] })]);
  });

  it('gives a tie to the source', () => {
    given.when(lww({ a: 's' }, { a: at(20) })).then([event([set('a', 's')], { added: ['a'], deleted: ['a.x'] })]);
  });

  it('a source key without a recorded time loses to a timed target key', () => {
    given.when(lww({ b: 2 }, {})).then([]);
  });

  it('a source key changed at the same time as the target key (creation) wins the tie', () => {
    target({ n: 1 }).when(when('last_write_wins', { n: 3 }, { n: T0 })).then([
      mergedEvent('last_write_wins', [set('n', 3)], { modified: ['n'] }),
    ]);
  });
});

describe('MergeContext: rules', () => {
  it('refuses to merge a context into itself', () => {
    target({})
      .when(mergeContext(1, 'manual', { contextId: CONTEXT_ID }))
      .thenThrows('CONTEXT.SELF_MERGE', { contextId: CONTEXT_ID });
  });

  it('refuses an unknown strategy', () => {
    target({}).when(when('newest' as MergeStrategy, { a: 1 })).thenThrows('COMMAND.FIELD_INVALID', { field: 'strategy' });
  });

  it('checks the limits on the merged document', () => {
    const big = Object.fromEntries(Array.from({ length: 6_000 }, (_, i) => [`s${i}`, i]));
    const own = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`t${i}`, i]));
    target(own).when(when('prefer_source', big)).thenThrows('CONTEXT.TOO_MANY_KEYS', { actual: 11_000, limit: 10_000 });
  });

  it('a source key that is not a valid segment is an INVALID_PATH', () => {
    target({}).when(when('manual', { 'a.b': 1 })).thenThrows('CONTEXT.INVALID_PATH', { path: 'a.b', rule: 'segment_contains_dot' });
  });
});
