import { StreamDeletedError, WrongExpectedVersionError } from '@orch/application';
import { expectedToSql, mapStoreError } from './sql-errors';

const pgError = (code: string, detail?: string): Error => Object.assign(new Error(`pg ${code}`), { code, detail });

describe('mapStoreError', () => {
  it('turns ES409 into WrongExpectedVersionError with the caller’s expected and the stream’s actual', () => {
    const mapped = mapStoreError(pgError('ES409', '{"actual":4}'), 'session-1', 2);
    expect(mapped).toBeInstanceOf(WrongExpectedVersionError);
    expect(mapped).toMatchObject({ streamName: 'session-1', expected: 2, actual: 4 });
  });

  it('reports a missing stream as actual no_stream', () => {
    expect(mapStoreError(pgError('ES409', '{"actual":null}'), 's-1', 'stream_exists')).toMatchObject({
      expected: 'stream_exists',
      actual: 'no_stream',
    });
  });

  it('turns ES410 into StreamDeletedError and ES413 into RangeError', () => {
    expect(mapStoreError(pgError('ES410'), 's-1', 'any')).toEqual(new StreamDeletedError('s-1'));
    expect(mapStoreError(pgError('ES413'), 's-1', 'any')).toBeInstanceOf(RangeError);
  });

  it('passes every other error through unchanged', () => {
    const serialization = pgError('40001');
    const plain = new Error('connection lost');
    expect(mapStoreError(serialization, 's-1', 'any')).toBe(serialization);
    expect(mapStoreError(plain, 's-1', 'any')).toBe(plain);
  });
});

describe('expectedToSql', () => {
  it('passes keywords and revisions as text', () => {
    expect(['any', 'no_stream', 'stream_exists', 0, 42].map((e) => expectedToSql(e as never))).toEqual([
      'any',
      'no_stream',
      'stream_exists',
      '0',
      '42',
    ]);
  });

  it('rejects what the append function could not parse', () => {
    expect(() => expectedToSql(-1)).toThrow(RangeError);
    expect(() => expectedToSql(1.5)).toThrow(RangeError);
    expect(() => expectedToSql('latest' as never)).toThrow(RangeError);
  });
});
