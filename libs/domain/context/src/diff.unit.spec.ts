import { spec } from '@orch/kernel/testing';
import { compareCodePoints } from './code-point-order';
import { contextDecider } from './context.decider';
import { diff, flatten } from './diff';
import { created, set, writeContext } from './testing/context.mother';

describe('flatten', () => {
  it('yields leaf paths: any value but a non-empty object; arrays are values', () => {
    const leaves = flatten({ a: { b: 1, c: {} }, d: [{ e: 1 }], f: null });
    expect([...leaves]).toEqual([
      ['a.b', 1],
      ['a.c', {}],
      ['d', [{ e: 1 }]],
      ['f', null],
    ]);
  });
});

describe('diff(from, to)', () => {
  it('lists added, modified (with both values) and deleted leaves', () => {
    const from = { keep: 1, mod: { x: 'a' }, gone: true, arr: [1, 2] };
    const to = { keep: 1, mod: { x: 'b' }, arr: [2, 1], added: { y: [] } };
    expect(diff(from, to)).toEqual({
      added: [{ path: 'added.y', value: [] }],
      modified: [
        { path: 'arr', from: [1, 2], to: [2, 1] },
        { path: 'mod.x', from: 'a', to: 'b' },
      ],
      deleted: [{ path: 'gone', value: true }],
    });
  });

  it('ignores key order and finds nothing between equal documents', () => {
    expect(diff({ a: { b: 1, c: 2 } }, { a: { c: 2, b: 1 } })).toEqual({ added: [], modified: [], deleted: [] });
  });

  it('sees an object becoming empty as its leaves deleted and the empty object added', () => {
    expect(diff({ a: { b: 1 } }, { a: {} })).toEqual({
      added: [{ path: 'a', value: {} }],
      modified: [],
      deleted: [{ path: 'a.b', value: 1 }],
    });
  });

  it('sorts by code point, not by UTF-16 unit', () => {
    const to = { '😀': 1, '～': 1, b: 1, a: { b: 1 }, 'a-b': 1, B: 1 };
    expect(diff({}, to).added.map((leaf) => leaf.path)).toEqual(['B', 'a-b', 'a.b', 'b', '～', '😀']);
    expect(['😀', '～'].sort()).toEqual(['😀', '～']); // what a plain sort would do
    expect(compareCodePoints('～', '😀')).toBeLessThan(0);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
    expect(compareCodePoints('a', 'a')).toBe(0);
  });
});

describe('changes recorded on write events', () => {
  it('are the leaf paths of the diff, each list in code-point order', () => {
    spec(contextDecider)
      .given([created({ document: { z: 1, m: { n: 1 } } })])
      .when(writeContext(1, [set('😀', 1), set('～', 1), set('a', 1), set('z', 2), set('m', 3)]))
      .thenMatches(([event]) =>
        expect(event?.data).toMatchObject({
          changes: { added: ['a', 'm', '～', '😀'], modified: ['z'], deleted: ['m.n'] },
        }),
      );
  });
});
