import { toEsdbPosition, toGlobalPosition, toSafeInteger } from './esdb-position';

describe('EventStoreDB positions', () => {
  it('maps an implicitly committed event (commit = prepare) to that one number', () => {
    expect(toGlobalPosition({ commit: 1234n, prepare: 1234n })).toBe(1234);
  });

  it('refuses an explicit-transaction position, whose commit is shared and prepares are out of order', () => {
    expect(() => toGlobalPosition({ commit: 2000n, prepare: 1500n })).toThrow(/explicit transaction/);
  });

  it('refuses a position beyond Number.MAX_SAFE_INTEGER with a clear error', () => {
    const tooBig = BigInt(Number.MAX_SAFE_INTEGER) + 1n;
    expect(() => toGlobalPosition({ commit: tooBig, prepare: tooBig })).toThrow(/MAX_SAFE_INTEGER/);
  });

  it('keeps the largest safe integer exact', () => {
    expect(toSafeInteger(BigInt(Number.MAX_SAFE_INTEGER), 'position')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('resumes from a number as {commit, prepare} both set to it', () => {
    expect(toEsdbPosition(98765)).toEqual({ commit: 98765n, prepare: 98765n });
  });

  it('round-trips a global position', () => {
    expect(toGlobalPosition(toEsdbPosition(4_503_599_627_370_496))).toBe(4_503_599_627_370_496);
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2])('rejects %p as a position to resume from', (bad) => {
    expect(() => toEsdbPosition(bad)).toThrow(RangeError);
  });
});
