import { START, type EventStoreDBClient } from '@eventstore/db-client';
import type {
  ReadAllOptions,
  ReadAllPage,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '@orch/application';
import { toPortError } from './esdb-errors';
import { matchesFilter, toServerFilter } from './esdb-filter';
import { toEsdbPosition } from './esdb-position';
import { toPositiveCount } from './esdb-read-stream';
import { toRecordedEvent } from './esdb-recorded-event';
import { toPortSubscription } from './esdb-subscription';

/** Same page size as the PostgreSQL adapter when the caller gives none. */
export const DEFAULT_READ_ALL_COUNT = 1000;

/**
 * A catch-up subscription on $all, server-side filtered, with the tenant (metadata) checked here. Also the
 * read path of `readAll`: @eventstore/db-client 6.2 sends `readAll` with NoFilter hard-coded, so the
 * filtered catch-up is the only way to have the server skip what does not match.
 */
export function subscribeAll(client: EventStoreDBClient, options: SubscribeToAllOptions): Subscription {
  const { fromPosition, filter } = options;
  const source = client.subscribeToAll({
    fromPosition: fromPosition === undefined ? START : toEsdbPosition(fromPosition),
    filter: toServerFilter(filter),
  });
  return toPortSubscription(source, {
    toEvent: (resolved) => {
      const event = toRecordedEvent(resolved);
      if (event === undefined || !matchesFilter(event, filter)) return undefined;
      // The server already starts after `fromPosition`; the guard keeps the port's exclusivity explicit.
      return fromPosition === undefined || event.position > fromPosition ? event : undefined;
    },
    toError: (error) => toPortError(error, '$all'),
    ...(fromPosition === undefined ? {} : { startPosition: fromPosition }),
  });
}

/**
 * One page: events until `maxCount` or until the subscription reports it has caught up, then closed.
 * One event beyond the page is awaited (or `caughtUp`) so `isEnd` is exact rather than a guess.
 */
export async function readAllPage(client: EventStoreDBClient, options: ReadAllOptions = {}): Promise<ReadAllPage> {
  const limit = toPositiveCount(options.maxCount) ?? DEFAULT_READ_ALL_COUNT;
  const subscription = subscribeAll(client, options);
  const events: RecordedEvent[] = [];
  let isEnd = true;
  try {
    for await (const item of subscription) {
      if (item.kind === 'caughtUp') break;
      if (events.length === limit) {
        isEnd = false;
        break;
      }
      events.push(item.event);
    }
  } finally {
    await subscription.close();
  }
  return { events, lastPosition: events.at(-1)?.position ?? options.fromPosition, isEnd };
}
