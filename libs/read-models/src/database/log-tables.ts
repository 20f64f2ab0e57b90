import { type NullableJsonb, type Timestamp } from './column-types';

/** An index of the event log for auditors (`GET /events`); the events themselves stay in the store. */
export interface EventLogTable {
  position: number;
  tenant_id: string;
  stream_name: string;
  category: string;
  stream_revision: number;
  event_id: string;
  event_type: string;
  actor: string;
  actor_kind: string;
  correlation_id: string | null;
  causation_id: string | null;
  command_id: string | null;
  recorded_at: Timestamp;
}

/** Operator actions (`GET /audit`): every event whose actor is `user:*`. */
export interface OperatorAuditTable {
  position: number;
  tenant_id: string;
  actor: string;
  api_key_id: string;
  command_type: string | null;
  command_id: string | null;
  event_type: string;
  reason: string | null;
  client_ip: string | null;
  client_user_agent: string | null;
  stream_name: string;
  correlation_id: string | null;
  at: Timestamp;
  recorded_at: Timestamp;
  details: NullableJsonb<unknown>;
}
