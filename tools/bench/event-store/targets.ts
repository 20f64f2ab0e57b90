import { createPostgresEventStore } from '@orch/event-store';
import type { TargetName } from './jobs';
import type { PlannedAppend } from './plan';
import { openEmmettTarget } from './target-emmett';
import { openPlainInsertTarget } from './target-plain-insert';

/** Something that can take the planned appends: our store, a plain INSERT, or Emmett. */
export interface AppendTarget {
  append(planned: PlannedAppend): Promise<void>;
  close(): Promise<void>;
}

export async function openTarget(name: TargetName, connectionString: string): Promise<AppendTarget> {
  switch (name) {
    case 'orch':
      return openOrchTarget(connectionString);
    case 'plain':
      return openPlainInsertTarget(connectionString);
    case 'emmett':
      return openEmmettTarget(connectionString);
    default: {
      const unknown: never = name;
      throw new Error(`Unknown target ${String(unknown)}`);
    }
  }
}

/** Our PostgreSQL store as the application uses it: its own pool, one append call per append. */
async function openOrchTarget(connectionString: string): Promise<AppendTarget> {
  const store = await createPostgresEventStore({ connectionString });
  return {
    async append({ streamName, lastRevision, events }) {
      await store.appendToStream(streamName, events, {
        expectedRevision: lastRevision < 0 ? 'no_stream' : lastRevision,
      });
    },
    close: () => store.close(),
  };
}
