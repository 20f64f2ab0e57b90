import { WrongExpectedVersionError, type EventStore } from '@orch/application';
import type { Metrics } from './metrics';

/**
 * The event store with its appends timed (`orch_event_append_duration_seconds`): a proxy, so every
 * other method and property is the store's own, called on the store itself.
 */
export function instrumentEventStore(store: EventStore, metrics: Metrics): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property !== 'appendToStream') return value.bind(target);
      return async (...args: unknown[]) => {
        const end = metrics.appendDuration.startTimer();
        try {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          end({ outcome: 'ok' });
          return result;
        } catch (error) {
          end({ outcome: error instanceof WrongExpectedVersionError ? 'conflict' : 'error' });
          throw error;
        }
      };
    },
  });
}
