import { type ExpectedRevision, StreamDeletedError, WrongExpectedVersionError } from '@orch/application';

/** SQLSTATEs raised by the plpgsql functions of migrations 002, 003 and 004. */
export const SQLSTATE = {
  wrongExpectedVersion: 'ES409',
  streamDeleted: 'ES410',
  tooManyEvents: 'ES413',
  missingChainDigest: 'ES422',
} as const;

interface PgErrorLike {
  readonly code?: string;
  readonly detail?: string;
  readonly message: string;
}

function isPgError(error: unknown): error is PgErrorLike {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/** Turns the functions' errors into the port's typed errors; anything else passes through untouched. */
export function mapStoreError(error: unknown, streamName: string, expected: ExpectedRevision): unknown {
  if (!isPgError(error)) return error;
  switch (error.code) {
    case SQLSTATE.wrongExpectedVersion:
      return new WrongExpectedVersionError(streamName, expected, actualFromDetail(error.detail));
    case SQLSTATE.streamDeleted:
      return new StreamDeletedError(streamName);
    case SQLSTATE.tooManyEvents:
      return new RangeError(error.message);
    case SQLSTATE.missingChainDigest:
      return new TypeError(error.message);
    default:
      return error;
  }
}

function actualFromDetail(detail: string | undefined): number | 'no_stream' {
  const actual = detail ? (JSON.parse(detail) as { actual: number | null }).actual : null;
  return actual === null ? 'no_stream' : actual;
}

/** The function takes the expected state as text: a keyword or the decimal revision. */
export function expectedToSql(expected: ExpectedRevision): string {
  if (typeof expected === 'string') {
    if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
    throw new RangeError(`Unknown expected revision "${String(expected)}"`);
  }
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(`Expected revision must be a non-negative integer, got ${expected}`);
  }
  return String(expected);
}
