import type { EngineStatus, EventStore } from '@orch/application';

/** What the engine follows in the global log (its subscription's filter). */
const FOLLOWED = { streamPrefixes: ['session-', 'agent-'] };
const PAGE = 1000;

/**
 * Where the engine role of this process stands, for `GET /engine/status`. The engine starts after
 * the api listens, so main sets `current` once it runs and clears it when it stops; without the
 * engine role it stays unset.
 */
export class EngineStatusSource {
  current: (() => EngineStatus) | undefined = undefined;
  /** Why `current` is unset, as the endpoint says it. */
  notRunning = 'the engine role does not run in this api process (see ROLES)';
}

export interface EngineLag {
  readonly headPosition: number | null;
  readonly eventsBehind: number;
  readonly eventsBehindCapped: boolean;
}

/**
 * The followed events after `position`, counted through the port up to `cap`, and the last one's
 * position (when capped: the last one counted, so both are lower bounds).
 */
export async function engineLag(store: EventStore, position: number | undefined, cap = 1_000): Promise<EngineLag> {
  let cursor = position;
  let count = 0;
  let head = position ?? null;
  for (;;) {
    const page = await store.readAll({ ...(cursor === undefined ? {} : { fromPosition: cursor }), maxCount: Math.min(PAGE, cap - count), filter: FOLLOWED });
    count += page.events.length;
    head = page.events.at(-1)?.position ?? head;
    cursor = page.lastPosition ?? cursor;
    if (page.isEnd) return { headPosition: head, eventsBehind: count, eventsBehindCapped: false };
    if (count >= cap) return { headPosition: head, eventsBehind: count, eventsBehindCapped: true };
  }
}
