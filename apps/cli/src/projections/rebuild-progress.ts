import { type RebuildProgress } from '@orch/read-models';
import { type CliIo } from '../command';
import { formatCount, formatDuration, formatRate } from '../format/numbers';

export interface ProgressOptions {
  readonly stderr: CliIo['stderr'];
  /** The projectors being rebuilt, in the order they are listed. */
  readonly projectors: readonly string[];
  /** Plain (non-TTY) output: at most one progress line per interval, plus one per swap. */
  readonly intervalMs: number;
  /** Milliseconds, monotonic. */
  readonly now?: () => number;
}

interface Tally {
  done: number;
  total: number | undefined;
  swapped: boolean;
}

/** Redraws of the TTY line are throttled to this. */
const TTY_REDRAW_MS = 100;
const CLEAR_LINE = '\r\x1b[2K';

/**
 * Rebuild progress on stderr: events done of the total across the projectors, rate, ETA. On a
 * TTY one line rewritten in place; otherwise plain lines (the first at once, then one per
 * interval) that read well in a log file. Each swap gets a line of its own either way.
 */
export class RebuildProgressReporter {
  private readonly now: () => number;
  private readonly started: number;
  private readonly tallies: Map<string, Tally>;
  private lastPrint: number | undefined;
  private drawn = false;

  constructor(private readonly options: ProgressOptions) {
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
    this.tallies = new Map(options.projectors.map((name) => [name, { done: 0, total: undefined, swapped: false }]));
  }

  update(progress: RebuildProgress): void {
    const tally = this.tallies.get(progress.projector);
    if (!tally) return;
    tally.done = progress.done;
    tally.total = progress.total;
    if (progress.phase === 'swapped') {
      tally.swapped = true;
      this.printLine(`${progress.projector}: rebuilt and swapped in (${formatCount(progress.done)} events)`);
      return;
    }
    const since = this.lastPrint === undefined ? Number.POSITIVE_INFINITY : this.now() - this.lastPrint;
    if (since >= (this.options.stderr.isTTY ? TTY_REDRAW_MS : this.options.intervalMs)) this.showProgress();
  }

  /** The final progress line, kept on screen; call once the rebuild has ended (or failed). */
  finish(): void {
    if (this.lastPrint !== undefined) this.showProgress(true);
  }

  /** Removes the in-place line before other output (an error, an interrupt). */
  clear(): void {
    if (this.drawn) this.options.stderr.write(CLEAR_LINE);
    this.drawn = false;
  }

  /** "12,500/50,000 events (25.0%) · 8,213 events/s · ETA 4s · running: sessions, agents". */
  progressLine(): string {
    const tallies = [...this.tallies.values()];
    const known = Math.max(0, ...tallies.map((tally) => tally.total ?? 0));
    const done = tallies.reduce((sum, tally) => sum + tally.done, 0);
    const total = Math.max(done, tallies.reduce((sum, tally) => sum + (tally.total ?? known), 0));
    const seconds = (this.now() - this.started) / 1_000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? `ETA ${formatDuration((total - done) / rate)}` : 'ETA -';
    const percent = total > 0 ? ((done / total) * 100).toFixed(1) : '100.0';
    const running = [...this.tallies].filter(([, tally]) => !tally.swapped && tally.done > 0).map(([name]) => name);
    const parts = [`${formatCount(done)}/${formatCount(total)} events (${percent}%)`, formatRate(rate), eta];
    if (running.length > 0) parts.push(`running: ${running.join(', ')}`);
    return `rebuild ${parts.join(' · ')}`;
  }

  private showProgress(final = false): void {
    this.lastPrint = this.now();
    const line = this.progressLine();
    if (!this.options.stderr.isTTY) return this.options.stderr.write(`${line}\n`);
    const width = this.options.stderr.columns ?? 0;
    this.options.stderr.write(`${CLEAR_LINE}${width > 1 ? line.slice(0, width - 1) : line}${final ? '\n' : ''}`);
    this.drawn = !final;
  }

  private printLine(line: string): void {
    this.clear();
    this.options.stderr.write(`${line}\n`);
    if (this.options.stderr.isTTY && this.lastPrint !== undefined) this.showProgress();
  }
}
