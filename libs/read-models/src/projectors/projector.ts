import { type RecordedEvent } from '@orch/application';
import { type Kysely } from 'kysely';
import { type Database, type TableName } from '../database/database';
import { type BatchMemo } from './batch/batch-memo';

/** What one event changed: the runner adds tenant and position and publishes it after commit. */
export interface EntityChange {
  readonly entity: string;
  readonly id: string;
}

/**
 * A projector turns recorded events into read-model rows. `apply` runs inside the runner's
 * batch transaction and must be replay-harmless: applying an event whose effect is already
 * there changes nothing (rows carry the last applied position, inserts are keyed).
 * It may throw on a malformed event; the runner parks that event and goes on.
 */
export interface Projector {
  readonly name: string;
  /** The tables it owns, all rebuilt together. */
  readonly tables: readonly TableName[];
  apply(db: Kysely<Database>, event: RecordedEvent): Promise<readonly EntityChange[]>;
  /**
   * Optional: false only for events `apply` certainly ignores (reads nothing, writes nothing,
   * cannot throw). The live runner gives a batch of only such events no transaction: it moves
   * the checkpoint in memory and stores it a little later. Absent: every event is handled.
   */
  handles?(event: RecordedEvent): boolean;
  /**
   * Optional: the same effect as `apply` on each event, set-based (rows folded in memory, a few
   * multi-row statements per batch). Returns each event's changes, in order. If it throws, the
   * runner falls back to `apply` per event. With a `memo` (a rebuild), rows stay in memory from
   * one batch to the next; without, the batch reads what it needs and forgets it afterwards.
   */
  applyBatch?(db: Kysely<Database>, events: readonly RecordedEvent[], memo?: BatchMemo): Promise<readonly (readonly EntityChange[])[]>;
}
