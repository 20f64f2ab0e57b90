import type { Client } from 'pg';

/** An event appended under a lease (an engine command carries `metadata.lease`: the key and its fencing token). */
export interface LeaseEvent {
  readonly position: number;
  readonly streamName: string;
  readonly type: string;
  readonly key: string;
  readonly token: number;
  /** When it was appended (the database's clock: this machine's). */
  readonly recordedAt: number;
}

/** The head of the global log (0 when empty), read straight from the table. */
export async function maxPosition(db: Client): Promise<number> {
  const { rows } = await db.query<{ max: string | null }>('SELECT max(position) AS max FROM event_store.events');
  return Number(rows[0]?.max ?? 0);
}

/** Every event appended under a lease, in log order. */
export async function leaseEventsOf(db: Client): Promise<LeaseEvent[]> {
  const { rows } = await db.query<{ position: string; stream_name: string; type: string; key: string; token: string; recorded_at: Date }>(
    "SELECT position, stream_name, type, metadata->'lease'->>'key' AS key, metadata->'lease'->>'token' AS token, recorded_at FROM event_store.events WHERE metadata ? 'lease' ORDER BY position",
  );
  return rows.map((row) => ({ position: Number(row.position), streamName: row.stream_name, type: row.type, key: row.key, token: Number(row.token), recordedAt: row.recorded_at.getTime() }));
}

/** How many sessions the engine of the process drives under a lease right now (`orch_engine_sessions{state="driving"}`). */
export async function engineDriving(baseUrl: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', baseUrl))).text();
  const match = /^orch_engine_sessions\{state="driving"\} (\d+)$/m.exec(text);
  if (match === null) throw new Error('no orch_engine_sessions{state="driving"} in /metrics');
  return Number(match[1]);
}

/** Events of one lease key whose token is lower than one recorded before them for that key (fencing tokens must only grow). */
export function tokensGoingBackwards(events: readonly LeaseEvent[]): LeaseEvent[] {
  const newest = new Map<string, number>();
  const backwards: LeaseEvent[] = [];
  for (const event of events) {
    const seen = newest.get(event.key) ?? 0;
    if (event.token < seen) backwards.push(event);
    newest.set(event.key, Math.max(event.token, seen));
  }
  return backwards;
}
