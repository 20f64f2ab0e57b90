import { decodeCursor, encodeCursor, isCursor } from './cursor';
import { prefixQuery } from './sessions/list-sessions';

describe('cursors', () => {
  it('given an encoded cursor, when decoded for the same list, then its values come back', () => {
    const cursor = encodeCursor('sessions', ['2025-03-01T09:00:01.000Z', 'abc']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('sessions', cursor, ['string', 'string'])).toEqual(['2025-03-01T09:00:01.000Z', 'abc']);
    expect(isCursor(cursor)).toBe(true);
  });

  it('given a cursor of another list, or of another shape, then COMMAND.FIELD_INVALID on cursor', () => {
    const cursor = encodeCursor('agents', ['a', 'b']);
    expect(() => decodeCursor('sessions', cursor, ['string', 'string'])).toThrow(expect.objectContaining({ code: 'COMMAND.FIELD_INVALID', details: { field: 'cursor', rule: 'cursor' } }));
    expect(() => decodeCursor('agents', cursor, ['number'])).toThrow(expect.objectContaining({ code: 'COMMAND.FIELD_INVALID' }));
    expect(() => decodeCursor('agents', cursor, ['string', 'number'])).toThrow(expect.objectContaining({ code: 'COMMAND.FIELD_INVALID' }));
  });

  it('given garbage, then it is no cursor', () => {
    for (const garbage of ['', 'not base64!', 'e30', Buffer.from('[1,2]').toString('base64url'), 'a'.repeat(700), 42]) {
      expect(isCursor(garbage)).toBe(false);
    }
    expect(() => decodeCursor('sessions', 'bm9wZQ', ['string'])).toThrow(expect.objectContaining({ code: 'COMMAND.FIELD_INVALID' }));
  });
});

describe('session text search', () => {
  it('given words, then each becomes a required prefix, lower-cased', () => {
    expect(prefixQuery('Login FORM')).toBe('login:* & form:*');
    expect(prefixQuery('rate-limiting')).toBe('rate:* & limiting:*');
    expect(prefixQuery('größe 42')).toBe('größe:* & 42:*');
  });

  it('given tsquery operators or only punctuation, then they never reach the query', () => {
    expect(prefixQuery("a' | b & !c :* (d)")).toBe('a:* & b:* & c:* & d:*');
    expect(prefixQuery(' !&|() ')).toBeNull();
  });
});
