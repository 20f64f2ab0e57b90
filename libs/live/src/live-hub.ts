import type { ChangeNotifier, EventStore, GlobalPosition } from '@orch/application';
import { changeEntryOf, gatingProjectorOf, type ChangeEntry, type GatingProjector } from './event-changes';
import { LiveFeed, type FeedLogger } from './live-feed';
import { eventEntryOf, type EventEntry } from './live-events';
import { ProjectionWatermarks, type ReadCheckpoints } from './projection-watermarks';

const GATING: readonly GatingProjector[] = ['sessions', 'agents', 'contexts'];

function isPosition(position: GlobalPosition | null | undefined): position is GlobalPosition {
  return typeof position === 'number';
}

export interface LiveHubOptions {
  readonly store: EventStore;
  readonly readCheckpoints: ReadCheckpoints;
  readonly notifier?: ChangeNotifier;
  /** Entries each feed keeps in memory for catch-ups. Default 10,000. */
  readonly recent?: number;
  readonly pollMs?: number;
  readonly logger?: FeedLogger;
}

/**
 * A process's two live feeds: `events` (every recorded event, at once) and `changes` (what each
 * event changed in the read models, once its projector has committed it). Every api instance
 * runs its own hub on the shared log, so a client on any instance sees every instance's writes.
 */
export class LiveHub {
  readonly events: LiveFeed<EventEntry>;
  readonly changes: LiveFeed<ChangeEntry>;
  readonly watermarks: ProjectionWatermarks;

  constructor(private readonly options: LiveHubOptions) {
    this.watermarks = new ProjectionWatermarks({ readCheckpoints: options.readCheckpoints, notifier: options.notifier, pollMs: options.pollMs });
    const common = { store: options.store, recent: options.recent, logger: options.logger };
    this.events = new LiveFeed({ ...common, name: 'events', map: eventEntryOf });
    this.changes = new LiveFeed({
      ...common,
      name: 'changes',
      map: changeEntryOf,
      gate: (event, signal) => {
        const projector = gatingProjectorOf(event);
        return projector === null ? undefined : this.watermarks.reach(projector, event.position, signal);
      },
    });
  }

  /**
   * Starts near the head without scanning the log: `events` after the furthest projector
   * checkpoint, `changes` after the slowest gating projector's (everything before it is
   * committed). Older entries are read from the store by the catch-ups that need them.
   */
  async start(): Promise<void> {
    await this.watermarks.start();
    const checkpoints = await this.checkpoints();
    const all = Object.values(checkpoints);
    const gating = GATING.map((name) => checkpoints[name] ?? null);
    this.events.start(all.length > 0 && all.every(isPosition) ? Math.max(...all) : undefined);
    this.changes.start(gating.every(isPosition) ? Math.min(...gating) : undefined);
  }

  async stop(): Promise<void> {
    await Promise.all([this.events.stop(), this.changes.stop()]);
    await this.watermarks.close();
  }

  private async checkpoints(): Promise<Readonly<Record<string, GlobalPosition | null>>> {
    try {
      return await this.options.readCheckpoints();
    } catch {
      return {};
    }
  }
}
