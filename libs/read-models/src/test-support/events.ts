import { randomUUID } from 'node:crypto';
import { type EventMetadata, type EventStore, type EventToAppend } from '@orch/application';

export interface DomainFact {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

export interface CommandMeta {
  readonly actor: string;
  readonly tenantId: string;
  readonly commandType?: string;
  readonly reason?: string;
  readonly client?: { readonly ip?: string; readonly userAgent?: string };
  readonly correlationId?: string;
}

/** Monotonic ISO times, like command `now`s: every call is later than the previous one. */
export class TestClock {
  private ms: number;
  constructor(start = '2025-03-01T09:00:00.000Z') {
    this.ms = Date.parse(start);
  }
  next(stepMs = 1000): string {
    this.ms += stepMs;
    return new Date(this.ms).toISOString();
  }
}

/** A fact with its `at`. */
export function fact(type: string, at: string, data: Record<string, unknown> = {}): DomainFact {
  return { type, data: { ...data, at } };
}

/** The metadata the application writes (DESIGN.md §4): one command id for all its events. */
export function metadataOf(meta: CommandMeta): EventMetadata {
  return {
    actor: meta.actor,
    tenantId: meta.tenantId,
    correlationId: meta.correlationId ?? randomUUID(),
    commandId: randomUUID(),
    ...(meta.commandType ? { commandType: meta.commandType } : {}),
    ...(meta.reason ? { reason: meta.reason } : {}),
    ...(meta.client ? { client: meta.client } : {}),
    schemaVersion: 1,
  };
}

/** Appends one command's facts to a stream, as the application would. Returns the last position. */
export async function appendFacts(
  store: EventStore,
  streamName: string,
  meta: CommandMeta,
  facts: readonly DomainFact[],
): Promise<number> {
  const metadata = metadataOf(meta);
  const events: EventToAppend[] = facts.map((f) => ({ id: randomUUID(), type: f.type, data: f.data, metadata }));
  const result = await store.appendToStream(streamName, events);
  return result.position;
}
