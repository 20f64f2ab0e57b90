import type { SessionSnapshot } from './opencode-types';
import type { Ending } from './run-events';
import { verdictOf } from './run-verdict';

export type TurnDecision =
  | { readonly kind: 'wait' }
  | { readonly kind: 'complete'; readonly summary: string }
  | { readonly kind: 'end'; readonly ending: Extract<Ending, { status: 'failed' }> };

/**
 * Decides, snapshot after snapshot, when a run is over. A session that sits idle with its turn
 * unfinished will not go on by itself: it is lost at once when the server was restarted since
 * the run was last seen working (generations), after `stallMs` otherwise; when OpenCode reported a
 * session error for an unanswered prompt (an unknown model…), the run failed.
 */
export class TurnWatch {
  private stalledSince: number | undefined;
  private workingGeneration: number | undefined;
  private sessionError: string | undefined;

  constructor(private readonly stallMs: number) {}

  /** A `session.error` of the run's session. */
  noteSessionError(error: unknown): void {
    const { name, data } = (error ?? {}) as { name?: unknown; data?: { message?: unknown } };
    this.sessionError = `${String(name ?? 'error')}: ${String(data?.message ?? JSON.stringify(data ?? {}))}`;
  }

  decide(snapshot: SessionSnapshot, context: { readonly denied: boolean; readonly generation: number; readonly now: number }): TurnDecision {
    const verdict = verdictOf(snapshot, { denied: context.denied });
    switch (verdict.kind) {
      case 'working':
        this.stalledSince = undefined;
        this.workingGeneration = context.generation;
        return { kind: 'wait' };
      case 'completed':
        return { kind: 'complete', summary: verdict.summary };
      case 'failed':
        return { kind: 'end', ending: verdict.ending };
      case 'stalled': {
        this.stalledSince ??= context.now;
        if (this.sessionError !== undefined && snapshot.messages.at(-1)?.info.role === 'user') {
          return { kind: 'end', ending: { status: 'failed', code: 'TASK.AGENT_ERROR', message: `OpenCode could not answer: ${this.sessionError}`.slice(0, 2000), retryable: false } };
        }
        if (this.workingGeneration !== undefined && context.generation > this.workingGeneration) return { kind: 'end', ending: lost(`the OpenCode server restarted mid-turn (${verdict.why})`) };
        if (context.now - this.stalledSince >= this.stallMs) return { kind: 'end', ending: lost(`its OpenCode session went idle: ${verdict.why}`) };
        return { kind: 'wait' };
      }
    }
  }
}

export function lost(why: string): Extract<Ending, { status: 'failed' }> {
  return { status: 'failed', code: 'TASK.RUN_LOST', message: `the run was lost: ${why}`.slice(0, 2000), retryable: true };
}
