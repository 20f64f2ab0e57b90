import type { Position } from '@eventstore/db-client';
import type { GlobalPosition } from '@orch/application';

/*
 * Why one number per event is enough, and why it is the commit position.
 *
 * Every append through the gRPC API is written as prepare records flagged "committed" (no separate
 * commit record). For those, the server's $all reader reports commit = prepare = the record's own log
 * position (KurrentDB AllReader: `new CommitEventRecord(eventRecord, prepare.LogPosition)`), a byte
 * offset in the transaction log: unique per event and strictly increasing in $all order, even for the
 * events of one multi-event append. Only legacy explicit transactions (TCP API, never used here) give
 * events a shared commit position and out-of-order prepares; we refuse those instead of emitting a
 * number that would break the port's ordering.
 *
 * Resuming from our number n: {commit: n, prepare: n} names exactly that event. A catch-up subscription
 * from it starts AFTER it (the server reads the event at that position and continues from its next
 * position), which is the port's exclusive `fromPosition`.
 */

/** Converts a client bigint (revision or position) to a number, refusing anything not safely representable. */
export function toSafeInteger(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`EventStoreDB ${what} ${value} is beyond Number.MAX_SAFE_INTEGER; the port needs safe integers`);
  }
  return Number(value);
}

export function toGlobalPosition(position: Position): GlobalPosition {
  if (position.commit !== position.prepare) {
    throw new RangeError(
      `EventStoreDB position commit=${position.commit} prepare=${position.prepare} belongs to an explicit transaction; ` +
        'only implicitly committed events (commit = prepare) map to one global position',
    );
  }
  return toSafeInteger(position.commit, 'position');
}

export function toEsdbPosition(position: GlobalPosition): Position {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new RangeError(`Global position must be a non-negative safe integer, got ${position}`);
  }
  const value = BigInt(position);
  return { commit: value, prepare: value };
}
