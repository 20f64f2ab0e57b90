import { type RebuildProgress } from '@orch/read-models';
import { type CliIo } from '../command';
import { formatCount, formatDuration, formatElapsed, formatRate } from '../format/numbers';

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
  /** The first update: the projection's own rate is measured from there. */
  first?: { readonly at: number; readonly done: number };
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
    tally.first ??= { at: this.now(), done: progress.done };
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

  /**
   * "rebuild 25.0% · 12,500/50,000 events (5 projections) · 8,213 events/s · ETA 4s · sessions 20%, agents 31%".
   * Under `all` every projection replays the whole log, so the total is the sum of theirs.
   */
  progressLine(final = false): string {
    const tallies = [...this.tallies.values()];
    const known = Math.max(0, ...tallies.map((tally) => tally.total ?? 0));
    const done = tallies.reduce((sum, tally) => sum + tally.done, 0);
    const total = Math.max(done, tallies.reduce((sum, tally) => sum + (tally.total ?? known), 0));
    const seconds = (this.now() - this.started) / 1_000;
    const rate = seconds > 0 ? done / seconds : 0;
    const count = `${formatCount(done)}/${formatCount(total)} events${tallies.length > 1 ? ` (${tallies.length} projections)` : ''}`;
    const parts = [`${percent(done, total)}`, count, formatRate(rate)];
    if (final) parts.push(`${formatElapsed(seconds)}`);
    else parts.push(this.eta(total - done, rate));
    const running = [...this.tallies].filter(([, tally]) => !tally.swapped && tally.done > 0);
    if (!final && running.length > 0 && tallies.length > 1) {
      parts.push(running.map(([name, tally]) => `${name} ${percent(tally.done, tally.total ?? known, 0)}`).join(', '));
    }
    return `rebuild ${parts.join(' · ')}`;
  }

  /**
   * The larger of two estimates: everything left at the overall rate, and the slowest running
   * projection's own remainder at its own rate (under `all` one slow projection is the long pole).
   */
  private eta(remaining: number, rate: number): string {
    if (rate <= 0) return 'ETA -';
    const now = this.now();
    const longest = Math.max(
      0,
      ...[...this.tallies.values()].map((tally) => {
        if (tally.swapped || !tally.first || now <= tally.first.at || tally.done <= tally.first.done) return 0;
        const own = (tally.done - tally.first.done) / ((now - tally.first.at) / 1_000);
        return ((tally.total ?? tally.done) - tally.done) / own;
      }),
    );
    return `ETA ${formatDuration(Math.max(remaining / rate, longest))}`;
  }

  private showProgress(final = false): void {
    this.lastPrint = this.now();
    const line = this.progressLine(final);
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

function percent(done: number, total: number, digits = 1): string {
  return `${(total > 0 ? Math.min(100, (done / total) * 100) : 100).toFixed(digits)}%`;
}
