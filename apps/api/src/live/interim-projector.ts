import { createChangeNotifier, openReadModelDb, ProjectorRunner } from '@orch/read-models';
import type { EventStore } from '@orch/application';
import type { AppConfig } from '../config';

export interface RunningProjector {
  close(): Promise<void>;
}

/**
 * INTERIM (wave1/live): the projector role, until the read-api branch wires its own in main.ts.
 * The change rooms wait for projector checkpoints, so some process must run the projectors;
 * this is the minimum: every projector, publishing changes on the same notifier as the hub.
 */
export async function startInterimProjector(config: AppConfig, store: EventStore, connectionString: string): Promise<RunningProjector> {
  const readModels = await openReadModelDb({ connectionString, applicationName: 'orch-projector' });
  const notifier = createChangeNotifier({ connectionString, redisUrl: config.redisUrl, keyPrefix: config.redisKeyPrefix });
  const runner = new ProjectorRunner({ db: readModels.db, eventStore: store, notifier });
  runner.start();
  return {
    async close() {
      await runner.stop();
      await notifier.close();
      await readModels.close();
    },
  };
}
