import type { JsonObject } from '@orch/kernel';
import { spec } from '@orch/kernel/testing';
import { contextDecider } from './context.decider';
import { CONTEXT_LIMITS, documentBytes, measure } from './limits';
import { createContext, created, set, writeContext } from './testing/context.mother';
import { utf8ByteLength } from './utf8';

/** `depth` nested objects: nest(1) = {}, nest(2) = { k: {} }. */
const nest = (depth: number): JsonObject => (depth <= 1 ? {} : { k: nest(depth - 1) });
const keys = (count: number, prefix = 'k'): JsonObject =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, i]));
const create = (document: JsonObject) => spec(contextDecider).given([]).when(createContext({ document }));
const write = (document: JsonObject, operations: Parameters<typeof writeContext>[1]) =>
  spec(contextDecider).given([created({ document })]).when(writeContext(1, operations));
const accepted = (events: unknown[]) => expect(events).toHaveLength(1);

describe('UTF-8 size, computed without an encoder', () => {
  it.each([
    ['', 0],
    ['ascii', 5],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['a😀€é', 10],
    ['\ud800', 3], // a lone surrogate is written as U+FFFD
    ['x\udc00y', 5],
    ['\ud83d\ude00\ud83d', 7],
  ])('%j is %i bytes', (text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes);
  });

  it('measures the serialized document', () => {
    expect(documentBytes({ s: '€😀' })).toBe('{"s":""}'.length + 7);
  });
});

describe('TOO_LARGE: serialized UTF-8 size ≤ 1,048,576 bytes', () => {
  const overhead = JSON.stringify({ s: '' }).length;
  const sized = (bytes: number): JsonObject => {
    const multibyte = '€😀'.repeat(1000); // 7,000 bytes
    return { s: multibyte + 'x'.repeat(bytes - overhead - 7000) };
  };

  it('accepts a document of exactly the limit', () => {
    expect(documentBytes(sized(CONTEXT_LIMITS.maxBytes))).toBe(1_048_576);
    create(sized(CONTEXT_LIMITS.maxBytes)).thenMatches(accepted);
  });

  it('refuses one byte more, on creation and on the result of a write', () => {
    create(sized(CONTEXT_LIMITS.maxBytes + 1)).thenThrows('CONTEXT.TOO_LARGE', { actual: 1_048_577, limit: 1_048_576 });
    write(sized(CONTEXT_LIMITS.maxBytes), [set('s2', 1)]).thenThrows('CONTEXT.TOO_LARGE', { limit: 1_048_576 });
  });

  it('judges the whole command: growing then shrinking back fits', () => {
    write(sized(CONTEXT_LIMITS.maxBytes - 10), [set('big', 'x'.repeat(100)), set('big', 1)]).thenMatches(accepted);
  });
});

describe('TOO_DEEP: object nesting ≤ 32 (the document itself is level 1)', () => {
  it('measures nesting through arrays but counts objects only', () => {
    expect(measure({}).depth).toBe(1);
    expect(measure({ a: [[{ b: {} }]] }).depth).toBe(3);
  });

  it('accepts 32 levels and refuses 33', () => {
    create(nest(32)).thenMatches(accepted);
    create(nest(33)).thenThrows('CONTEXT.TOO_DEEP', { actual: 33, limit: 32 });
  });

  it('checks values written at a path: an object at 31 segments fits, at 32 it does not', () => {
    const path = (segments: number) => Array.from({ length: segments }, (_, i) => `p${i}`).join('.');
    write({}, [set(path(31), {})]).thenMatches(accepted);
    write({}, [set(path(32), 'scalar')]).thenMatches(accepted);
    write({}, [set(path(32), {})]).thenThrows('CONTEXT.TOO_DEEP', { actual: 33, limit: 32 });
    write({}, [set('a', nest(40))]).thenThrows('CONTEXT.TOO_DEEP', { actual: 41 });
  });
});

describe('TOO_MANY_KEYS: ≤ 10,000 keys at all depths', () => {
  it('counts keys of nested objects and of objects inside arrays', () => {
    expect(measure({ a: { b: 1, c: 2 }, d: [{ e: 1 }] }).keys).toBe(5);
  });

  it('accepts exactly 10,000 keys and refuses 10,001', () => {
    create({ a: keys(5_000), b: keys(4_998) }).thenMatches(accepted);
    create({ a: keys(5_000), b: keys(4_999) }).thenThrows('CONTEXT.TOO_MANY_KEYS', { actual: 10_001, limit: 10_000 });
  });

  it('checks the result of a write', () => {
    write(keys(9_999), [set('last', 1)]).thenMatches(accepted);
    write(keys(9_999), [set('one', 1), set('two', 2)]).thenThrows('CONTEXT.TOO_MANY_KEYS', { actual: 10_001 });
  });
});
