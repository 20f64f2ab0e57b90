import { spec } from '@orch/kernel/testing';
import { contextDecider } from './context.decider';
import { overlaps, pathRule } from './paths';
import { createContext, created, del, merge, set, writeContext } from './testing/context.mother';

const segments = (count: number) => Array.from({ length: count }, (_, i) => `s${i}`).join('.');
const write = (operations: Parameters<typeof writeContext>[1]) =>
  spec(contextDecider).given([created()]).when(writeContext(1, operations));

describe('path syntax', () => {
  it.each([
    ['a', null],
    [segments(32), null],
    ['😀'.repeat(128), null],
    ['', 'empty'],
    [segments(33), 'too_many_segments'],
    ['a..b', 'empty_segment'],
    ['.a', 'empty_segment'],
    ['a.', 'empty_segment'],
    [`a.${'x'.repeat(129)}`, 'segment_too_long'],
    ['😀'.repeat(129), 'segment_too_long'],
  ])('%j → %s', (path, rule) => {
    expect(pathRule(path, false)).toBe(rule);
  });

  it('allows the root only where asked (merge)', () => {
    expect(pathRule('', true)).toBeNull();
  });

  it('relates paths equal, above and below, not by name prefix', () => {
    expect([overlaps('a', 'a'), overlaps('a', 'a.b'), overlaps('a.b.c', 'a'), overlaps('', 'x')]).toEqual([true, true, true, true]);
    expect([overlaps('a', 'ab'), overlaps('a.b', 'a.c')]).toEqual([false, false]);
  });
});

describe('CONTEXT.INVALID_PATH on commands', () => {
  it.each([
    [set('', 1), '', 'empty'],
    [del(''), '', 'empty'],
    [set('a..b', 1), 'a..b', 'empty_segment'],
    [merge(segments(33), {}), segments(33), 'too_many_segments'],
    [set(`k.${'x'.repeat(129)}`, 1), `k.${'x'.repeat(129)}`, 'segment_too_long'],
  ])('%j is refused', (operation, path, rule) => {
    write([operation]).thenThrows('CONTEXT.INVALID_PATH', { path, rule });
  });

  it('checks every key of a written value, not inside arrays', () => {
    write([set('v', { x: { 'a.b': 1 } })]).thenThrows('CONTEXT.INVALID_PATH', { path: 'v.x.a.b', rule: 'segment_contains_dot' });
    write([merge('', { '': 1 })]).thenThrows('CONTEXT.INVALID_PATH', { rule: 'empty_segment' });
    write([set('v', [{ 'a.b': 1 }])]).thenMatches((events) => expect(events).toHaveLength(1));
  });

  it('checks every key of a created document', () => {
    spec(contextDecider)
      .given([])
      .when(createContext({ document: { ok: { ['k'.repeat(129)]: 1 } } }))
      .thenThrows('CONTEXT.INVALID_PATH', { rule: 'segment_too_long' });
  });

  it('is a 400 checked before the version (a malformed command never reaches the conflict check)', () => {
    spec(contextDecider).given([created()]).when(writeContext(9, [set('a..b', 1)])).thenThrows('CONTEXT.INVALID_PATH');
  });

  it('treats keys that are Object.prototype names as plain data', () => {
    const op = set('__proto__.toString', 1);
    write([op]).thenMatches(([event]) => expect(event?.data).toMatchObject({ changes: { added: ['__proto__.toString'] } }));
  });
});
