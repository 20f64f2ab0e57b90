import { createHash } from 'node:crypto';
import type { EventToAppend } from '@orch/application';

/** Bytes of JSON in each event's data, like a real task-completed event. */
export const DATA_BYTES = 300;

const SUMMARY =
  'Applied the planned edit to the session context, ran the focused unit tests and the linter; all green. ';

/**
 * A random-looking but reproducible v4 UUID: every worker process derives the same ids, so each
 * store is fed exactly the same rows, and the unique event-id index sees random keys as in production.
 */
export function fixtureUuid(namespace: string, index: number): string {
  const bytes = createHash('sha256').update(`${namespace}:${index}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Event `index` of a namespace: ~300 bytes of data and the metadata every real event carries
 * (actor, tenant, correlation, causation, command id, schema version). `extra` joins the data
 * (the lag run puts its send time there) and the summary is trimmed to keep the size.
 */
export function benchEvent(namespace: string, index: number, extra: Record<string, unknown> = {}): EventToAppend {
  const id = (kind: string): string => fixtureUuid(`${namespace}:${kind}`, index);
  const data: Record<string, unknown> = {
    sessionId: id('session'),
    taskId: id('task'),
    step: index,
    status: 'completed',
    durationMs: 1_000 + (index % 9_000),
    tokens: { input: 4_000 + (index % 997), output: 800 + (index % 211) },
    ...extra,
  };
  const room = Math.max(0, DATA_BYTES - JSON.stringify({ ...data, summary: '' }).length);
  data['summary'] = SUMMARY.repeat(Math.ceil(room / SUMMARY.length)).slice(0, room);
  return {
    id: id('event'),
    type: 'SessionTaskCompleted',
    data,
    metadata: {
      actor: `agent:${id('agent')}`,
      tenantId: `tenant-${index % 8}`,
      correlationId: id('correlation'),
      causationId: id('causation'),
      commandId: id('command'),
      schemaVersion: 1,
    },
  };
}
