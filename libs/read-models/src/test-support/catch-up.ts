import { type EventStore } from '@orch/application';
import { type Kysely } from 'kysely';
import { type Database } from '../database/database';
import { ALL_PROJECTORS } from '../projectors/all-projectors';
import { type Projector } from '../projectors/projector';
import { silentLogger } from '../runner/logger';
import { ProjectorRunner } from '../runner/projector-runner';

/** Runs the projectors until they have committed `position`, then stops them. */
export async function projectUpTo(
  db: Kysely<Database>,
  eventStore: EventStore,
  position: number,
  projectors: readonly Projector[] = ALL_PROJECTORS,
): Promise<void> {
  const runner = new ProjectorRunner({ db, eventStore, projectors, logger: silentLogger });
  runner.start();
  try {
    if (!(await runner.waitForPosition(position, 20_000))) throw new Error(`projectors did not reach ${position}`);
  } finally {
    await runner.stop();
  }
}
