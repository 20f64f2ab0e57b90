/**
 * A recorded event as the live feeds (socket `events` room, SSE, webhooks) show it: the stored
 * event with its global position, minus what must not leave the api (hashes of secrets).
 */
export interface LiveEvent {
  readonly id: string;
  readonly type: string;
  readonly stream: string;
  /** The stream's category: `session` for `session-<id>`. */
  readonly category: string;
  readonly revision: number;
  /** Global position: strictly increasing in log order, not dense. */
  readonly position: number;
  /** ISO 8601 UTC. */
  readonly recordedAt: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** actor, tenantId, correlationId, causationId, commandId, reason, client, schemaVersion, hash. */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** `session` for `session-<id>`; the whole name for a stream without a dash. */
export function streamCategory(stream: string): string {
  const dash = stream.indexOf('-');
  return dash < 0 ? stream : stream.slice(0, dash);
}
