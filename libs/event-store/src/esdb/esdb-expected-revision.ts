import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendExpectedRevision,
  type CurrentRevision,
  type ExpectedRevision as EsdbExpectedRevision,
} from '@eventstore/db-client';
import type { ExpectedRevision, StreamRevision } from '@orch/application';
import { toSafeInteger } from './esdb-position';

export function toEsdbRevision(revision: StreamRevision): bigint {
  if (!Number.isSafeInteger(revision) || revision < 0) {
    throw new RangeError(`Stream revision must be a non-negative safe integer, got ${revision}`);
  }
  return BigInt(revision);
}

export function toEsdbExpectedRevision(expected: ExpectedRevision = 'any'): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return toEsdbRevision(expected);
  }
}

/** Delete and tombstone have no `stream_exists` in the client (see esdb-delete.ts). */
export function toEsdbDeleteRevision(expected: Exclude<ExpectedRevision, 'stream_exists'>): EsdbExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  return toEsdbRevision(expected);
}

/** The client reports a missing stream as `no_stream`; some server paths send -1 instead. */
export function fromEsdbCurrentRevision(current: CurrentRevision): StreamRevision | 'no_stream' {
  if (current === NO_STREAM || current < 0n) return 'no_stream';
  return toSafeInteger(current, 'revision');
}

/** The port's expectation rule, for the one case checked client-side (an append of nothing). */
export function satisfiesExpectation(expected: ExpectedRevision, actual: StreamRevision | 'no_stream'): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream' || actual === 'no_stream') return expected === actual;
  return expected === 'stream_exists' || expected === actual;
}
