import { type RecordedEvent } from '@orch/application';
import { type EventFields } from '../event-fields';
import { type CheckpointRow, type SessionPatch, type SessionRow, type TaskRow } from './session-rows';

/**
 * What a handler sees: the event, the session row before it and the session's tasks, all in
 * memory. Handlers compute patches from these rows (as the old row), never from the database.
 */
export interface SessionContext {
  readonly event: RecordedEvent;
  readonly f: EventFields;
  readonly at: string;
  readonly sessionId: string;
  readonly tenantId: string;
  /** The session before this event; undefined when it has no SessionCreated. */
  readonly session: SessionRow | undefined;
  readonly tasks: ReadonlyMap<string, TaskRow>;
  /** Writes a task row (new or changed) to the memo. */
  readonly setTask: (row: TaskRow) => void;
  /** Drops the session's tasks (SessionPlanned), stored ones included. */
  readonly replacePlan: () => void;
}

export interface SessionOutcome {
  /** Applied to the session row, with revision, position and time, once the event is claimed. */
  readonly patch?: SessionPatch;
  /** Changes that may only happen once the event is claimed (plan replacement, task resets). */
  readonly afterClaim?: () => void;
  /** Task ids whose rows this event wrote (for change notifications). */
  readonly tasks?: readonly string[];
  /** Task statuses changed, so the session's task counts are recomputed. */
  readonly recount?: boolean;
  /** CheckpointRecorded: the row, written once the event is claimed. */
  readonly checkpoint?: CheckpointRow;
  /** A task row's guard showed this event applied already: nothing else to do. */
  readonly alreadyApplied?: boolean;
}

export type SessionHandler = (ctx: SessionContext) => SessionOutcome;
