import { fold } from '@orch/kernel';
import { spec } from '@orch/kernel/testing';
import { contextDecider } from './context.decider';
import type { ContextEvent } from './context.events';
import type { ExistingContext } from './context.state';
import { pathTimesOf } from './path-changes';
import { at, changes, created, del, merge, merged, mergeContext, set, written, writeContext } from './testing/context.mother';

const stateOf = (events: readonly ContextEvent[]) => fold(contextDecider, events) as ExistingContext;

describe('evolve: document, version and per-leaf last change', () => {
  const history = [
    created({ document: { a: { b: 1 }, c: 1 } }),
    written(2, [set('a.b', 2), set('d', [1])], { added: ['d'], modified: ['a.b'] }, at(2)),
    written(3, [del('c')], { deleted: ['c'] }, at(3)),
  ];

  it('replays operations in order', () => {
    expect(stateOf(history)).toMatchObject({ status: 'active', version: 3, document: { a: { b: 2 }, d: [1] } });
  });

  it('keeps the version and time of each leaf path, deleted ones included', () => {
    expect(pathTimesOf(stateOf(history).pathChanges)).toEqual({ 'a.b': at(2), c: at(3), d: at(2) });
    expect(stateOf(history).pathChanges.get('c')).toEqual({ version: 3, at: at(3) });
  });

  it('never throws: events without a context, or that no longer apply, leave the state usable', () => {
    expect(stateOf([written(2, [set('a', 1)], {})])).toEqual({ status: 'absent' });
    const odd = stateOf([created({ document: { a: 1 } }), written(2, [set('a.b', 1)], {})]);
    expect(odd).toMatchObject({ version: 2, document: { a: 1 } });
    expect(stateOf([created(), created({ document: { x: 1 } })]).document).toEqual({});
  });

  it('never mutates a recorded document', () => {
    const document = { a: { b: 1 } };
    stateOf([created({ document }), written(2, [set('a.b', 2), merge('a', { c: 1 }), del('a.b')], {})]);
    expect(document).toEqual({ a: { b: 1 } });
  });
});

describe('openConflicts', () => {
  const conflict = { path: 'cfg.mode', targetValue: 'a', sourceValue: 'b' };
  const history = [
    created({ document: { cfg: { mode: 'a', other: 1 }, x: 1 } }),
    merged({ version: 2, conflicts: [conflict] }),
  ];

  it('a manual merge leaves its conflicts open', () => {
    expect(stateOf(history).openConflicts).toEqual([conflict]);
  });

  it.each([
    ['equal', set('cfg.mode', 'c')],
    ['above', set('cfg', {})],
    ['below', set('cfg.mode.deep', 1)],
  ])('a later write touching the path (%s) clears it', (_, operation) => {
    const events = [...history, written(3, [operation], {})];
    expect(stateOf(events).openConflicts).toEqual([]);
  });

  it('a write elsewhere keeps it', () => {
    expect(stateOf([...history, written(3, [set('cfg.other', 2), set('x', 2)], {})]).openConflicts).toEqual([conflict]);
  });

  it('a write keeping the target value resolves the conflict: not a no-op', () => {
    spec(contextDecider)
      .given(history)
      .when(writeContext(2, [set('cfg.mode', 'a')]))
      .then([written(3, [set('cfg.mode', 'a')], {}, at(30))]);
  });

  it('a newer conflict on the same path replaces the older one', () => {
    const newer = { ...conflict, sourceValue: 'z' };
    expect(stateOf([...history, merged({ version: 3, conflicts: [newer] })]).openConflicts).toEqual([newer]);
  });

  it('the decider records them from a manual merge', () => {
    spec(contextDecider)
      .given([created({ document: { cfg: { mode: 'a' } } })])
      .when(mergeContext(1, 'manual', { document: { cfg: { mode: 'b', extra: true } } }))
      .thenMatches((events) => {
        expect(events).toEqual([
          merged({
            version: 2,
            operations: [set('cfg.extra', true)],
            changes: changes({ added: ['cfg.extra'] }),
            conflicts: [{ path: 'cfg.mode', targetValue: 'a', sourceValue: 'b' }],
            at: at(30),
          }),
        ]);
        expect(stateOf([created({ document: { cfg: { mode: 'a' } } }), ...events]).document).toEqual({
          cfg: { mode: 'a', extra: true },
        });
      });
  });
});

describe('merging with the times of a real source', () => {
  it('pathTimesOf a source state feeds last_write_wins', () => {
    const source = stateOf([
      created({ document: { a: 1, b: 1 } }),
      written(2, [set('b', 5)], { modified: ['b'] }, at(20)),
    ]);
    const target = [created({ document: { a: 2, b: 2 } }), written(2, [set('a', 3)], { modified: ['a'] }, at(10))];
    spec(contextDecider)
      .given(target)
      .when(mergeContext(2, 'last_write_wins', { document: source.document, pathTimes: pathTimesOf(source.pathChanges) }))
      .thenMatches(([event]) => expect(event?.data).toMatchObject({ operations: [set('b', 5)], changes: { modified: ['b'] } }));
  });
});
