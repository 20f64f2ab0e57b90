import { type RecordedEvent } from '@orch/application';
import { type Kysely, type Selectable, type UpdateObject } from 'kysely';
import { type Database } from '../../database/database';
import { type SessionsTable } from '../../database/session-tables';
import { type EventFields } from '../event-fields';

export type SessionRow = Selectable<SessionsTable>;
/** Column values or SQL expressions over the row being updated. */
export type SessionPatch = UpdateObject<Database, 'sessions'>;
export type TaskPatch = UpdateObject<Database, 'tasks'>;

/** Everything a session handler needs; the row is the session as it was before this event. */
export interface SessionContext {
  readonly db: Kysely<Database>;
  readonly event: RecordedEvent;
  readonly f: EventFields;
  readonly at: string;
  readonly sessionId: string;
  readonly tenantId: string;
  readonly row: SessionRow;
}

export interface SessionOutcome {
  readonly patch?: SessionPatch;
  /** Task ids whose rows this event wrote (for change notifications and the timeline). */
  readonly tasks?: readonly string[];
  /** The task statuses changed, so the session's task counts are recomputed. */
  readonly recount?: boolean;
  readonly checkpoint?: boolean;
}

export type SessionHandler = (ctx: SessionContext) => Promise<SessionOutcome>;
