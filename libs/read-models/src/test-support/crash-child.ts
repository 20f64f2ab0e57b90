/**
 * A projector runner in its own process, for the crash-safety spec:
 *   node -r tools/runtime/register.js crash-child.ts <connectionString> [exitAtPosition]
 * Without a position it runs until killed; with one it stops cleanly once every projector has
 * committed it (exit code 0), or exits 1 after a minute.
 */
import { createPostgresEventStore } from '@orch/event-store';
import { openReadModelDb } from '../database/open-read-model-db';
import { silentLogger } from '../runner/logger';
import { ProjectorRunner } from '../runner/projector-runner';
import { CRASH_CHILD_APPLICATION } from './crash-child-name';

async function main(): Promise<void> {
  const [connectionString, exitAt] = process.argv.slice(2);
  if (!connectionString) throw new Error('usage: crash-child.ts <connectionString> [exitAtPosition]');
  const readModels = await openReadModelDb({ connectionString, applicationName: CRASH_CHILD_APPLICATION });
  const store = await createPostgresEventStore({ connectionString, pollIntervalMs: 100 });
  const runner = new ProjectorRunner({ db: readModels.db, eventStore: store, logger: silentLogger, batchSize: 100 });
  runner.start();
  process.stdout.write('started\n');
  if (exitAt === undefined) return;
  const reached = await runner.waitForPosition(Number(exitAt), 60_000);
  await runner.stop();
  await store.close();
  await readModels.close();
  process.exit(reached ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(2);
});
