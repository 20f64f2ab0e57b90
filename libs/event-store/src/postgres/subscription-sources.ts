import { type SubscribeToAllOptions, type SubscribeToStreamOptions } from '@orch/application';
import { type Queryable } from './append';
import { matchesFilter } from '../global-filter';
import { type TailPage } from './global-tail';
import { type PageSource } from './polling-subscription';
import { readGlobalPage } from './read-all';
import { readStreamEvents } from './read-stream';

/** Pages of the global log after a position, with the subscription's filter applied in SQL. */
export function globalLogSource(
  db: Queryable,
  schema: string,
  options: SubscribeToAllOptions,
  pageSize: number,
): PageSource {
  let cursor = options.fromPosition;
  let lastDelivered = options.fromPosition;
  let startedBefore: number | undefined;
  return {
    async next() {
      const page = await readGlobalPage(db, schema, { fromPosition: cursor, maxCount: pageSize, filter: options.filter });
      // caughtUp waits until the horizon passes the first read's snapshot end (xmax): every
      // transaction that had committed when the subscription started has been delivered.
      startedBefore ??= page.snapshotEnd;
      const last = page.events.at(-1);
      if (last) cursor = lastDelivered = last.position;
      const atEnd = page.events.length < pageSize;
      // Nothing can still appear below the horizon, so a rarely matching filter need not rescan
      // the rows it skipped on every poll.
      if (atEnd && page.horizon - 1 > (cursor ?? -1)) cursor = page.horizon - 1;
      return { events: page.events, atEnd, caughtUp: atEnd && page.horizon >= startedBefore };
    },
    lastPosition: () => lastDelivered,
    tail: {
      position: () => cursor ?? -1,
      take(page: TailPage) {
        const after = cursor ?? -1;
        const events = page.events.filter((event) => event.position > after && matchesFilter(event, options.filter));
        const last = events.at(-1);
        if (last) lastDelivered = last.position;
        if (page.through > after) cursor = page.through;
        return { events, caughtUp: page.atEnd && startedBefore !== undefined && page.horizon >= startedBefore };
      },
    },
  };
}

/** Pages of one stream by revision; stream metadata and deletion apply as they do to reads. */
export function streamSource(
  db: Queryable,
  schema: string,
  streamName: string,
  options: SubscribeToStreamOptions,
  pageSize: number,
): PageSource {
  let fromRevision = (options.afterRevision ?? -1) + 1;
  let lastDelivered: number | undefined;
  return {
    async next() {
      const events = await readStreamEvents(db, schema, streamName, { fromRevision, maxCount: pageSize });
      const last = events.at(-1);
      if (last) {
        fromRevision = last.revision + 1;
        lastDelivered = last.position;
      }
      // Stream reads see every commit at once, so reaching the end is being caught up.
      const atEnd = events.length < pageSize;
      return { events, atEnd, caughtUp: atEnd };
    },
    lastPosition: () => lastDelivered,
  };
}
