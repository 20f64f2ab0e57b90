import type { ServerConnection } from './server-connection';

/**
 * Disposes a server's instance for a directory once no run of this runtime works there any more
 * (`POST /instance/dispose?directory=`): a long-lived server would otherwise keep an instance, file
 * watcher included, for every worktree it ever saw. Best effort, `afterMs` after the last run there ended.
 */
export class IdleDirectories {
  private readonly live = new Map<string, Set<string>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly afterMs: number,
    private readonly onError: (message: string, error: unknown) => void,
  ) {}

  /** A run now working in `directory`; call the returned function when it ends. */
  enter(connection: ServerConnection, directory: string, runtimeRef: string): () => void {
    const place = `${connection.key}\n${directory}`;
    const runs = this.live.get(place) ?? new Set<string>();
    runs.add(runtimeRef);
    this.live.set(place, runs);
    return () => {
      runs.delete(runtimeRef);
      if (runs.size === 0) this.live.delete(place);
      this.disposeLater(place, connection, directory);
    };
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
  }

  private disposeLater(place: string, connection: ServerConnection, directory: string): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed || this.live.has(place)) return;
      void connection
        .client()
        .then((client) => client.instance.dispose({ directory }))
        .catch((error: unknown) => this.onError(`disposing the OpenCode instance of ${directory}`, error));
    }, this.afterMs);
    timer.unref();
    this.timers.add(timer);
  }
}
