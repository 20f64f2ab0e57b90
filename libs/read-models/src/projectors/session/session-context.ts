import { type RecordedEvent } from '@orch/application';
import { type Kysely, type UpdateObject } from 'kysely';
import { type Database } from '../../database/database';
import { type EventFields } from '../event-fields';

/** Column values or SQL expressions over the row being updated (its old values). */
export type SessionPatch = UpdateObject<Database, 'sessions'>;
export type TaskPatch = UpdateObject<Database, 'tasks'>;

/** Everything a session handler needs. Patches are SQL over the stored row, so no read comes first. */
export interface SessionContext {
  readonly db: Kysely<Database>;
  readonly event: RecordedEvent;
  readonly f: EventFields;
  readonly at: string;
  readonly sessionId: string;
  readonly tenantId: string;
}

export interface SessionOutcome {
  /** Applied to the session row in the guarded statement that also writes the timeline row. */
  readonly patch?: SessionPatch;
  /** Writes that may only happen once the event is claimed (plan replacement, task resets). */
  readonly afterClaim?: () => Promise<void>;
  /** Task ids whose rows this event wrote (for change notifications). */
  readonly tasks?: readonly string[];
  /** Task statuses changed, so the session's task counts are recomputed. */
  readonly recount?: boolean;
  readonly checkpoint?: boolean;
  /** A task row's guard showed this event applied already: nothing else to do. */
  readonly alreadyApplied?: boolean;
}

export type SessionHandler = (ctx: SessionContext) => Promise<SessionOutcome>;
