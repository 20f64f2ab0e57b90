import { ErrorType, isCommandError } from '@eventstore/db-client';
import { StreamDeletedError, WrongExpectedVersionError, type ExpectedRevision } from '@orch/application';
import { fromEsdbCurrentRevision } from './esdb-expected-revision';

/**
 * Maps the client's typed errors to the port's. `expected` is what the caller asked for: the client's own
 * `expectedVersion` is lossy on some paths (delete reports a raw number), so the port keeps the original.
 * Errors the port has no type for pass through unchanged.
 */
export function toPortError(error: unknown, streamName: string, expected: ExpectedRevision = 'any'): unknown {
  if (!(error instanceof Error) || !isCommandError(error)) return error;
  switch (error.type) {
    case ErrorType.WRONG_EXPECTED_VERSION:
      return new WrongExpectedVersionError(streamName, expected, fromEsdbCurrentRevision(error.actualVersion));
    case ErrorType.STREAM_DELETED:
      return new StreamDeletedError(streamName);
    default:
      return error;
  }
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND;
}
