import type { RunUsage } from '@orch/application';

/** Scripted prices, per million tokens: USD 3 in, USD 15 out (a mid-range hosted model). */
const MICROS_PER_TOKEN_IN = 3;
const MICROS_PER_TOKEN_OUT = 15;

/** Tokens as text length: one per four code points, at least one. Deterministic, like everything here. */
export function tokensOf(text: string): number {
  return Math.max(1, Math.ceil([...text].length / 4));
}

export interface Turn {
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly apiErrors: number;
}

/** One agent turn as a usage delta; cost in whole micro-dollars so sums stay exact (DOMAIN.md §1). */
export function turnUsage(turn: Turn): RunUsage {
  const micros = turn.tokensIn * MICROS_PER_TOKEN_IN + turn.tokensOut * MICROS_PER_TOKEN_OUT;
  return { tokensIn: turn.tokensIn, tokensOut: turn.tokensOut, costUsd: micros / 1_000_000, apiCalls: 1, apiErrors: turn.apiErrors };
}

export const NO_USAGE: RunUsage = { tokensIn: 0, tokensOut: 0, costUsd: 0, apiCalls: 0, apiErrors: 0 };

/** Adds a delta to running totals, money summed as integer micro-dollars. */
export function addUsage(total: RunUsage, delta: RunUsage): RunUsage {
  return {
    tokensIn: total.tokensIn + delta.tokensIn,
    tokensOut: total.tokensOut + delta.tokensOut,
    costUsd: (Math.round(total.costUsd * 1_000_000) + Math.round(delta.costUsd * 1_000_000)) / 1_000_000,
    apiCalls: total.apiCalls + delta.apiCalls,
    apiErrors: total.apiErrors + delta.apiErrors,
  };
}
