import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import {
  fromEsdbCurrentRevision,
  satisfiesExpectation,
  toEsdbDeleteRevision,
  toEsdbExpectedRevision,
} from './esdb-expected-revision';

describe('expected revision mapping', () => {
  it.each([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    [0, 0n],
    [41, 41n],
  ] as const)('maps %p to the client expectation %p', (ours, theirs) => {
    expect(toEsdbExpectedRevision(ours)).toBe(theirs);
  });

  it('defaults to any, like the client', () => {
    expect(toEsdbExpectedRevision()).toBe(ANY);
  });

  it.each([-1, 2.5, Number.MAX_SAFE_INTEGER + 2])('rejects the revision %p', (bad) => {
    expect(() => toEsdbExpectedRevision(bad)).toThrow(RangeError);
  });

  it('maps delete expectations without stream_exists, which the client lacks', () => {
    expect([toEsdbDeleteRevision('any'), toEsdbDeleteRevision('no_stream'), toEsdbDeleteRevision(7)]).toEqual([
      ANY,
      NO_STREAM,
      7n,
    ]);
  });

  it.each([
    [NO_STREAM, 'no_stream'],
    [-1n, 'no_stream'],
    [0n, 0],
    [12n, 12],
  ] as const)('reads the current revision %p as %p', (current, expected) => {
    expect(fromEsdbCurrentRevision(current)).toBe(expected);
  });

  it.each([
    ['any', 'no_stream', true],
    ['any', 3, true],
    ['no_stream', 'no_stream', true],
    ['no_stream', 0, false],
    ['stream_exists', 'no_stream', false],
    ['stream_exists', 0, true],
    [2, 2, true],
    [2, 3, false],
    [0, 'no_stream', false],
  ] as const)('checks expectation %p against actual %p client-side: %p', (expected, actual, ok) => {
    expect(satisfiesExpectation(expected, actual)).toBe(ok);
  });
});
