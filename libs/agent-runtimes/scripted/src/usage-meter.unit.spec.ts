import { addUsage, NO_USAGE, tokensOf, turnUsage } from './usage-meter';

describe('usage meter', () => {
  it('counts a token per four code points, at least one', () => {
    expect(tokensOf('')).toBe(1);
    expect(tokensOf('abcd')).toBe(1);
    expect(tokensOf('abcde')).toBe(2);
    expect(tokensOf('😀😀😀😀😀')).toBe(2);
  });

  it('prices a turn at USD 3 in and USD 15 out per million tokens, one API call', () => {
    expect(turnUsage({ tokensIn: 1000, tokensOut: 100, apiErrors: 0 })).toEqual({
      tokensIn: 1000,
      tokensOut: 100,
      costUsd: 0.0045,
      apiCalls: 1,
      apiErrors: 0,
    });
  });

  it('sums money exactly, as micro-dollars', () => {
    const delta = turnUsage({ tokensIn: 1, tokensOut: 0, apiErrors: 1 });
    const total = Array.from({ length: 10 }, () => delta).reduce(addUsage, NO_USAGE);
    expect(total).toEqual({ tokensIn: 10, tokensOut: 0, costUsd: 0.00003, apiCalls: 10, apiErrors: 10 });
  });
});
