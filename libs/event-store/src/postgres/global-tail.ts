import type { RecordedEvent } from '@orch/application';
import type { Queryable } from './append';
import type { AppendNotifier } from './append-notifier';
import { readGlobalPage } from './read-all';

/** One read of the tail, as every member gets it. */
export interface TailPage {
  /** Every event of the page, unfiltered, in position order. */
  readonly events: readonly RecordedEvent[];
  /** The tail has seen everything up to here (events, and the gaps no event fills). */
  readonly through: number;
  readonly horizon: number;
  /** The read came back short: the tail is at the head. */
  readonly atEnd: boolean;
}

/** A subscription following the tail: pages in order, `eject` when it has to read on its own again. */
export interface TailMember {
  receive(page: TailPage): void;
  eject(): void;
}

export interface TailSettings {
  readonly pageSize: number;
  readonly pollIntervalMs: number;
  /** Events kept for members joining slightly behind the tail. Default 2,000. */
  readonly recent?: number;
}

/**
 * One reader of the global log's head for every subscription of a store that has caught up: a
 * notification costs one read (and one row decoding) instead of one per subscription. Members
 * filter pages themselves; a member that joins behind the tail gets the events it missed from the
 * recent ones, one that is further behind keeps reading on its own. The tail runs while it has
 * members; a failed read ejects them all (their own reads surface the error) and it stops.
 */
export class GlobalTail {
  private readonly members = new Set<TailMember>();
  private cursor: number | undefined;
  private recent: RecordedEvent[] = [];
  /** `recent` holds every event in (recentFrom, cursor]. */
  private recentFrom = -1;
  private horizon = 0;
  private lastAtEnd = false;
  private running: Promise<void> | undefined;
  private readonly stopping = new AbortController();

  constructor(
    private readonly db: Queryable,
    private readonly schema: string,
    private readonly notifier: AppendNotifier,
    private readonly settings: TailSettings,
  ) {}

  /**
   * Joins a member that has read everything up to `after` (-1: nothing yet). False: the tail is
   * too far ahead for it, it keeps reading on its own. Joined, it first receives what it missed.
   */
  join(member: TailMember, after: number): boolean {
    if (this.stopping.signal.aborted) return false;
    if (this.cursor === undefined) {
      this.cursor = after;
      this.recentFrom = after;
      this.recent = [];
    } else if (after < this.recentFrom) {
      return false;
    } else if (after < this.cursor) {
      const missed = this.recent.filter((event) => event.position > after);
      member.receive({ events: missed, through: this.cursor, horizon: this.horizon, atEnd: this.lastAtEnd });
    }
    this.members.add(member);
    this.ensureRunning();
    return true;
  }

  leave(member: TailMember): void {
    this.members.delete(member);
  }

  async close(): Promise<void> {
    this.stopping.abort();
    this.ejectAll();
    await this.running;
  }

  private ensureRunning(): void {
    if (this.running) return;
    this.running = this.run().then(() => {
      this.running = undefined;
      // A member that joined while the loop was ending.
      if (this.members.size > 0 && !this.stopping.signal.aborted) this.ensureRunning();
    });
  }

  private async run(): Promise<void> {
    try {
      while (this.members.size > 0 && !this.stopping.signal.aborted) {
        await this.notifier.listen();
        const seen = this.notifier.version;
        const atEnd = await this.readOnce();
        if (!atEnd) continue;
        await this.notifier.wait(seen, this.settings.pollIntervalMs, this.stopping.signal);
      }
    } catch {
      this.ejectAll();
    } finally {
      // Stopped: the next member starts it again from its own position.
      this.cursor = undefined;
      this.recent = [];
    }
  }

  private async readOnce(): Promise<boolean> {
    const page = await readGlobalPage(this.db, this.schema, { fromPosition: this.cursor === -1 ? undefined : this.cursor, maxCount: this.settings.pageSize });
    const atEnd = page.events.length < this.settings.pageSize;
    let cursor = page.events.at(-1)?.position ?? (this.cursor as number);
    // Unfiltered, a short page saw everything below the horizon: nothing more can appear there.
    if (atEnd && page.horizon - 1 > cursor) cursor = page.horizon - 1;
    this.cursor = cursor;
    this.horizon = page.horizon;
    this.lastAtEnd = atEnd;
    this.remember(page.events);
    const delivered: TailPage = { events: page.events, through: cursor, horizon: page.horizon, atEnd };
    for (const member of [...this.members]) member.receive(delivered);
    return atEnd;
  }

  private remember(events: readonly RecordedEvent[]): void {
    if (events.length === 0) return;
    this.recent.push(...events);
    const limit = this.settings.recent ?? 2_000;
    if (this.recent.length <= limit) return;
    const dropped = this.recent.splice(0, this.recent.length - limit);
    this.recentFrom = (dropped.at(-1) as RecordedEvent).position;
  }

  private ejectAll(): void {
    const members = [...this.members];
    this.members.clear();
    for (const member of members) member.eject();
  }
}
