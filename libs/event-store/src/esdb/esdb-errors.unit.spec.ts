import {
  StreamDeletedError as EsdbStreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
} from '@eventstore/db-client';
import { StreamDeletedError, WrongExpectedVersionError } from '@orch/application';
import { isStreamNotFound, toPortError } from './esdb-errors';

const wrongVersion = (current: bigint | 'no_stream') =>
  new EsdbWrongExpectedVersionError(undefined, { streamName: 'session-1', expected: 3n, current });

describe('client error mapping', () => {
  it('maps a wrong expected version to ours, keeping the caller expectation and the actual revision', () => {
    const error = toPortError(wrongVersion(5n), 'session-1', 3);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: 'session-1', expected: 3, actual: 5, code: 'EVENT_STORE.WRONG_EXPECTED_VERSION' });
  });

  it('reports a missing stream as actual no_stream', () => {
    expect(toPortError(wrongVersion('no_stream'), 'session-1', 'stream_exists')).toMatchObject({
      expected: 'stream_exists',
      actual: 'no_stream',
    });
  });

  it('maps a deleted stream to ours', () => {
    const error = toPortError(EsdbStreamDeletedError.fromStreamName('session-2'), 'session-2');
    expect(error).toBeInstanceOf(StreamDeletedError);
    expect(error).toMatchObject({ streamName: 'session-2', code: 'EVENT_STORE.STREAM_DELETED' });
  });

  it('passes every other error through unchanged', () => {
    const unavailable = new UnavailableError(undefined, 'node down');
    const plain = new Error('boom');
    expect(toPortError(unavailable, 'session-3')).toBe(unavailable);
    expect(toPortError(plain, 'session-3')).toBe(plain);
    expect(toPortError('not an error', 'session-3')).toBe('not an error');
  });

  it('recognises stream-not-found, which reads as an empty stream', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'session-4'))).toBe(true);
    expect(isStreamNotFound(wrongVersion(1n))).toBe(false);
    expect(isStreamNotFound(new Error('x'))).toBe(false);
  });
});
