import type { RunEvent } from '../ports/agent-runtime.port';

type Progress = Extract<RunEvent, { type: 'progress' }>;

/** `TaskProgressed` data (DOMAIN.md §7) without `at`. */
export interface CoalescedProgress {
  readonly seq: number;
  readonly kind: Progress['kind'];
  readonly text: string;
  readonly tool?: { readonly name: string; readonly status: string };
}

export const PROGRESS_TEXT_LIMIT = 8000;

/**
 * Folds the progress a run reports between two flushes into one `TaskProgressed` (≤ 1 per task per
 * second, DOMAIN.md §7): the texts in order, one per line (a tool step as `[tool name: status]`),
 * keeping the newest 8000 code points; the kind, tool and seq of the latest item. Pure.
 */
export function coalesce(items: readonly Progress[]): CoalescedProgress | null {
  const latest = items.at(-1);
  if (latest === undefined) return null;
  const lines = items.map((item) => (item.kind === 'tool' && item.tool ? `[${item.tool.name}: ${item.tool.status}] ${item.text}`.trim() : item.text));
  const text = newestCodePoints(lines.join('\n'), PROGRESS_TEXT_LIMIT);
  return { seq: latest.seq, kind: latest.kind, text: text.length > 0 ? text : latest.kind, ...(latest.tool ? { tool: latest.tool } : {}) };
}

function newestCodePoints(text: string, limit: number): string {
  const points = Array.from(text);
  return points.length <= limit ? text : points.slice(points.length - limit).join('');
}

/**
 * Collects a run's progress and flushes it at most once per `intervalMs`: the first item after a
 * quiet spell is flushed at once (so a run's first words show without delay), later ones when the
 * interval has passed. `flush` is also called when the run ends.
 */
export class ProgressBuffer {
  private pending: Progress[] = [];
  private lastFlushAt = -Infinity;
  private cancelTimer: (() => void) | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly nowMs: () => number,
    private readonly after: (ms: number, callback: () => void) => () => void,
    private readonly write: (progress: CoalescedProgress) => Promise<void>,
  ) {}

  add(item: Progress): void {
    this.pending.push(item);
    if (this.cancelTimer !== null) return;
    const wait = this.lastFlushAt + this.intervalMs - this.nowMs();
    if (wait <= 0) void this.flush();
    else this.cancelTimer = this.after(wait, () => void this.flush());
  }

  async flush(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = null;
    const progress = coalesce(this.pending);
    this.pending = [];
    if (progress === null) return;
    this.lastFlushAt = this.nowMs();
    await this.write(progress);
  }
}
