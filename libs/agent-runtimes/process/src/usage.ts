import type { RunUsage } from '@orch/application';

export const NO_USAGE: RunUsage = { tokensIn: 0, tokensOut: 0, costUsd: 0, apiCalls: 0, apiErrors: 0 };

/** Money as DOMAIN.md §1 sums it: whole micro-dollars. */
export const toMicros = (usd: number): number => Math.max(0, Math.round(usd * 1_000_000));
export const fromMicros = (micros: number): number => micros / 1_000_000;

export function addUsage(a: RunUsage, b: RunUsage): RunUsage {
  return {
    tokensIn: a.tokensIn + b.tokensIn,
    tokensOut: a.tokensOut + b.tokensOut,
    costUsd: fromMicros(toMicros(a.costUsd) + toMicros(b.costUsd)),
    apiCalls: a.apiCalls + b.apiCalls,
    apiErrors: a.apiErrors + b.apiErrors,
  };
}

/** A delta with every count a non-negative integer and the cost in whole micro-dollars. */
export function usageDelta(delta: Partial<RunUsage>): RunUsage {
  const count = (value: number | undefined): number => (Number.isFinite(value) ? Math.max(0, Math.round(value ?? 0)) : 0);
  return {
    tokensIn: count(delta.tokensIn),
    tokensOut: count(delta.tokensOut),
    costUsd: fromMicros(toMicros(Number.isFinite(delta.costUsd) ? (delta.costUsd ?? 0) : 0)),
    apiCalls: count(delta.apiCalls),
    apiErrors: count(delta.apiErrors),
  };
}

/** USD per million tokens. `cachedInput` defaults to `input`. */
export interface TokenPrice {
  readonly input: number;
  readonly cachedInput?: number;
  readonly output: number;
}

/** Prices by model name; `*` for any model not listed. For CLIs that report tokens but no cost (Codex). */
export type PriceTable = Readonly<Record<string, TokenPrice>>;

export function priceTokens(prices: PriceTable, model: string | undefined, tokens: { input: number; cachedInput: number; output: number }): number {
  const price = (model === undefined ? undefined : prices[model]) ?? prices['*'];
  if (price === undefined) return 0;
  const fresh = Math.max(0, tokens.input - tokens.cachedInput);
  return (fresh * price.input + tokens.cachedInput * (price.cachedInput ?? price.input) + tokens.output * price.output) / 1_000_000;
}
