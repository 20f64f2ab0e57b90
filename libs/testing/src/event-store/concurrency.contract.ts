import { type EventStore, type EventToAppend, type RecordedEvent, WrongExpectedVersionError } from '@orch/application';
import { anEvent, nth, sleep, uniqueCategory } from './contract-fixtures';
import { type ContractContext } from './contract-context';
import { SubscriptionProbe } from './subscription-probe';

const WRITERS = 8;
const EVENTS_PER_WRITER = 500;
const STREAMS = 50;

/** mulberry32: deterministic per writer, so a failing run can be replayed with the same workload. */
function generator(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

type KnownRevisions = Map<string, number | 'no_stream'>;

/**
 * Appends EVENTS_PER_WRITER events to random streams, half singly and half in batches of 2–5, always
 * with the expected revision the writers last saw (a shared cache, as command handlers of one
 * process would have); on a conflict it takes `actual` from the typed error and goes on with new
 * events. Returns the events that were acknowledged.
 */
async function runWriter(
  store: EventStore,
  streams: readonly string[],
  known: KnownRevisions,
  seed: number,
): Promise<EventToAppend[]> {
  const random = generator(seed);
  const written: EventToAppend[] = [];
  while (written.length < EVENTS_PER_WRITER) {
    const stream = nth(streams, random(streams.length));
    const size = Math.min(EVENTS_PER_WRITER - written.length, random(2) === 0 ? 1 : 2 + random(4));
    const events = Array.from({ length: size }, () => anEvent({ type: 'ContractLoadAppended', data: { seed } }));
    try {
      const result = await store.appendToStream(stream, events, { expectedRevision: known.get(stream) ?? 'no_stream' });
      known.set(stream, result.nextExpectedRevision);
      written.push(...events);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      known.set(stream, error.actual);
    }
  }
  return written;
}

/** Every violation of the global and per-stream order, as readable strings (empty when all is well). */
function orderViolations(events: readonly RecordedEvent[]): string[] {
  const violations: string[] = [];
  const next = new Map<string, number>();
  events.forEach((event, index) => {
    const previous = events[index - 1];
    if (previous && event.position <= previous.position) {
      violations.push(`position ${event.position} delivered after ${previous.position}`);
    }
    const expected = next.get(event.streamName) ?? 0;
    if (event.revision !== expected) violations.push(`${event.streamName}@${event.revision}, expected @${expected}`);
    next.set(event.streamName, event.revision + 1);
  });
  return violations;
}

export function concurrencyContract(ctx: ContractContext): void {
  describe('concurrent writers', () => {
    it('a subscriber from the start gets every event exactly once, in order, with none missing', async () => {
      const category = uniqueCategory('load');
      const streams = Array.from({ length: STREAMS }, (_, index) => `${category}-${index}`);
      const heldEvents = [anEvent(), anEvent(), anEvent()];
      const held = await ctx.harness().holdAppendOpen?.(`${category}-held`, heldEvents);
      const probe = new SubscriptionProbe(ctx.store().subscribeToAll({ filter: { streamPrefixes: [`${category}-`] } }));
      let written: EventToAppend[] = [];
      try {
        try {
          const known: KnownRevisions = new Map();
          const writers = Array.from({ length: WRITERS }, (_, seed) => runWriter(ctx.store(), streams, known, seed + 1));
          written = (await Promise.all(writers)).flat();
        } finally {
          await held?.commit(); // last, and even when a writer failed, so the harness can clean up
        }
        await probe.untilEvents(written.length + (held ? heldEvents.length : 0), 30_000);
        await sleep(300); // time for a duplicate, were one coming, to show up
      } finally {
        await probe.close();
      }

      const expectedIds = [...written, ...(held ? heldEvents : [])].map((event) => event.id);
      const received = probe.events;
      expect(written).toHaveLength(WRITERS * EVENTS_PER_WRITER);
      expect(received).toHaveLength(expectedIds.length);
      expect(new Set(received.map((event) => event.id))).toEqual(new Set(expectedIds));
      expect(orderViolations(received)).toEqual([]);
    }, 60_000);
  });
}
