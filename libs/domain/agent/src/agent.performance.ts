import { toMicros, type Capability } from '@orch/kernel';
import { windowAfter } from './agent.tier';
import type { Tier } from './agent.vocabulary';

export interface CapabilityStats {
  readonly succeeded: number;
  readonly total: number;
}

/** Counted outcomes only (§4.4): lifetime totals, per capability, duration, tokens, cost, the window, the tier. */
export interface Performance {
  readonly tier: Tier;
  readonly succeeded: number;
  readonly failed: number;
  readonly byCapability: Readonly<Partial<Record<Capability, CapabilityStats>>>;
  readonly totalDurationMs: number;
  /** Rounded to whole milliseconds. */
  readonly meanDurationMs: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  /** Integer micro-dollars. */
  readonly costMicros: number;
  readonly window: readonly boolean[];
  readonly lastCountedOutcomeAt: string | null;
}

export const initialPerformance = (): Performance => ({
  tier: 'competent',
  succeeded: 0,
  failed: 0,
  byCapability: {},
  totalDurationMs: 0,
  meanDurationMs: 0,
  tokensIn: 0,
  tokensOut: 0,
  costMicros: 0,
  window: [],
  lastCountedOutcomeAt: null,
});

export interface CountedOutcome {
  readonly success: boolean;
  readonly capabilities: readonly Capability[];
  readonly durationMs: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
  readonly at: string;
}

/** Folds one counted outcome in; the tier is left to `AgentTierChanged`. */
export function withOutcome(performance: Performance, outcome: CountedOutcome): Performance {
  const succeeded = performance.succeeded + (outcome.success ? 1 : 0);
  const failed = performance.failed + (outcome.success ? 0 : 1);
  const totalDurationMs = performance.totalDurationMs + outcome.durationMs;
  return {
    ...performance,
    succeeded,
    failed,
    byCapability: withCapabilityStats(performance.byCapability, outcome),
    totalDurationMs,
    meanDurationMs: Math.round(totalDurationMs / (succeeded + failed)),
    tokensIn: performance.tokensIn + outcome.tokensIn,
    tokensOut: performance.tokensOut + outcome.tokensOut,
    costMicros: performance.costMicros + toMicros(outcome.costUsd),
    window: windowAfter(performance.window, outcome.success),
    lastCountedOutcomeAt: outcome.at,
  };
}

function withCapabilityStats(
  stats: Performance['byCapability'],
  outcome: CountedOutcome,
): Performance['byCapability'] {
  const next = { ...stats };
  for (const capability of new Set(outcome.capabilities)) {
    const { succeeded, total } = stats[capability] ?? { succeeded: 0, total: 0 };
    next[capability] = { succeeded: succeeded + (outcome.success ? 1 : 0), total: total + 1 };
  }
  return next;
}
