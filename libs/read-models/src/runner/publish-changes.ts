import { type ChangeNotifier, type ProjectionChange } from '@orch/application';
import { errorText, type ProjectorLogger } from './logger';

/**
 * Publishes a committed batch's changes, one per entity (the latest position wins). A failed
 * publish is logged, never retried: the rows are committed, and clients refetch on reconnect.
 */
export async function publishChanges(
  notifier: ChangeNotifier | undefined,
  changes: readonly ProjectionChange[],
  logger: ProjectorLogger,
): Promise<void> {
  if (!notifier || changes.length === 0) return;
  try {
    await notifier.publish(latestPerEntity(changes));
  } catch (error) {
    logger.warn({ error: errorText(error), changes: changes.length }, 'publishing projection changes failed');
  }
}

export function latestPerEntity(changes: readonly ProjectionChange[]): ProjectionChange[] {
  const latest = new Map<string, ProjectionChange>();
  for (const change of changes) {
    const key = `${change.tenantId}\u0000${change.entity}\u0000${change.id}`;
    latest.delete(key);
    latest.set(key, change);
  }
  return [...latest.values()];
}
