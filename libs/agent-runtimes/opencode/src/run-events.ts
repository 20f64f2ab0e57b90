import type { NewRunEvent, PermissionRequest, RunOutcome, RunUsage } from '@orch/application';

export type { NewRunEvent } from '@orch/application';

/** How a run ends, before the run adds its usage totals. */
export type Ending = RunOutcome extends infer O ? (O extends RunOutcome ? Omit<O, 'usage'> : never) : never;

/**
 * A run event with the key of the fact it reports (a part settled, a permission asked, a prompt
 * delivered…). A run records each key once: reconciling the whole session again after a
 * reconnect finds the facts already reported and adds only the new ones.
 */
export interface RunFact {
  readonly key: string;
  readonly event: NewRunEvent;
}

export const NO_USAGE: RunUsage = { tokensIn: 0, tokensOut: 0, costUsd: 0, apiCalls: 0, apiErrors: 0 };

/** Sums usage; money in integer micro-dollars (DOMAIN.md §1), so sums of deltas equal totals. */
export function addUsage(a: RunUsage, b: RunUsage): RunUsage {
  return {
    tokensIn: a.tokensIn + b.tokensIn,
    tokensOut: a.tokensOut + b.tokensOut,
    costUsd: (micros(a.costUsd) + micros(b.costUsd)) / 1_000_000,
    apiCalls: a.apiCalls + b.apiCalls,
    apiErrors: a.apiErrors + b.apiErrors,
  };
}

export const micros = (usd: number): number => Math.round(usd * 1_000_000);

/** At most `limit` code points. */
export function clip(text: string, limit: number): string {
  const points = [...text];
  return points.length <= limit ? text : points.slice(0, limit).join('');
}

export function permissionOf(requestId: string, tool: string, description: string): PermissionRequest {
  return { requestId, tool, description: clip(description, 2000) };
}
