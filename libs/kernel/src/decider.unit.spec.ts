import { fold } from './decider';
import { addMs, diffMs } from './time';
import { toMicros } from './money';
import { codePointLength } from './text';
import { deepEqual } from './json';

describe('kernel', () => {
  it('folds events from the initial state', () => {
    const counter = { initialState: () => 0, evolve: (s: number, e: { by: number }) => s + e.by };
    expect(fold(counter, [{ by: 2 }, { by: 3 }])).toBe(5);
  });
  it('does time arithmetic on ISO strings', () => {
    expect(addMs('2026-01-01T00:00:00.000Z', 1500)).toBe('2026-01-01T00:00:01.500Z');
    expect(diffMs('2026-01-01T00:00:01.500Z', '2026-01-01T00:00:00.000Z')).toBe(1500);
  });
  it('rounds money half up to micro-dollars', () => {
    expect(toMicros(0.0000005)).toBe(1);
    expect(toMicros(0.0000004)).toBe(0);
    expect(toMicros(1.1)).toBe(1_100_000);
  });
  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('a😀')).toBe(2);
  });
  it('compares JSON deeply ignoring key order', () => {
    expect(deepEqual({ a: [1, { b: 2 }], c: null }, { c: null, a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});

describe('deepEqual with inherited names', () => {
  it('does not mistake an inherited property for an own key', () => {
    expect(deepEqual(JSON.parse('{"__proto__": {}}'), { x: {} })).toBe(false);
    expect(deepEqual({ toString: 1 }, { valueOf: 1 })).toBe(false);
  });
});
