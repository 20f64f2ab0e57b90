import { BACKWARDS, END, FORWARDS, START } from '@eventstore/db-client';
import { toEsdbReadStreamOptions, toPositiveCount } from './esdb-read-stream';

describe('stream read options', () => {
  it('reads forwards from the start by default', () => {
    expect(toEsdbReadStreamOptions()).toEqual({ direction: FORWARDS, fromRevision: START });
  });

  it('reads backwards from the end by default', () => {
    expect(toEsdbReadStreamOptions({ direction: 'backwards' })).toEqual({ direction: BACKWARDS, fromRevision: END });
  });

  it('passes an inclusive revision and a count', () => {
    expect(toEsdbReadStreamOptions({ fromRevision: 3, maxCount: 2 })).toEqual({
      direction: FORWARDS,
      fromRevision: 3n,
      maxCount: 2,
    });
  });

  it.each([0, -1, 1.5])('rejects maxCount %p', (bad) => {
    expect(() => toPositiveCount(bad)).toThrow(RangeError);
  });
});
