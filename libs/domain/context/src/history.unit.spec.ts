import { documentAtVersion } from './history';
import { CONTEXT_ID, created, merged, set, written } from './testing/context.mother';

const events = [
  created({ document: { a: 1 } }),
  written(2, [set('b', 2)], { added: ['b'] }),
  { type: 'ContextShared' as const, data: { toContextId: 'x', toSessionId: 'y', atVersion: 2, at: '2026-01-01T00:03:00.000Z' } },
  merged({ version: 3, operations: [set('a', 9)] }),
];

describe('documentAtVersion (read side replay)', () => {
  it.each([
    [1, { a: 1 }],
    [2, { a: 1, b: 2 }],
    [3, { a: 9, b: 2 }],
  ])('version %i', (version, document) => {
    expect(documentAtVersion(events, version)).toEqual(document);
  });

  it.each([4, 0, 1.5])('version %d is not found', (version) => {
    expect(() => documentAtVersion(events, version)).toThrow(
      expect.objectContaining({ code: 'CONTEXT.VERSION_NOT_FOUND', details: { contextId: CONTEXT_ID, version } }),
    );
  });

  it('an empty stream is no context', () => {
    expect(() => documentAtVersion([], 1)).toThrow(expect.objectContaining({ code: 'CONTEXT.NOT_FOUND' }));
  });
});
