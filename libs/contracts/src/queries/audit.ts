import type { Consistency, PositionRangeParams } from './paging';

/** One operator action of `GET /audit`: an event whose actor is a user (an API key). */
export interface AuditEntry {
  readonly position: number;
  readonly actor: string;
  readonly apiKeyId: string;
  readonly commandType: string | null;
  readonly commandId: string | null;
  readonly eventType: string;
  readonly reason: string | null;
  readonly client: { readonly ip: string | null; readonly userAgent: string | null };
  readonly streamName: string;
  readonly correlationId: string | null;
  /** The command's time (the event's `at`). */
  readonly at: string;
  readonly recordedAt: string;
  /** What the action targeted (task, agent, budget, …); never free text or secrets. */
  readonly details: Readonly<Record<string, unknown>> | null;
}

export interface AuditFilters {
  readonly actor?: string;
  readonly apiKeyId?: string;
  readonly commandType?: string;
  readonly stream?: string;
  /** At or after (ISO 8601, the command's time). */
  readonly since?: string;
  /** Before (ISO 8601). */
  readonly until?: string;
}

export type AuditParams = AuditFilters & PositionRangeParams & Consistency;
