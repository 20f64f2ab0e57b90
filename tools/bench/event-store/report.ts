import { BENCH } from './bench-config';
import { formatCount, formatMs } from './format';
import type { LagResult, Mode, TargetName, ThroughputResult } from './jobs';
import type { ServerNoise } from './server-monitor';
import { textTable } from '../shared/text-table';

/** A result with what the rest of the shared server was doing meanwhile. */
export type Measured<T> = T & { readonly noise: ServerNoise };

export const WORKLOAD_NAMES: Record<Mode, Record<TargetName, string>> = {
  single: {
    plain: 'plain INSERT, 1 row per statement',
    orch: 'our store, single-event appends',
    emmett: 'Emmett, single-event appends',
  },
  batch: {
    plain: 'plain INSERT, 100 rows per statement',
    orch: 'our store, batches of 100',
    emmett: 'Emmett, batches of 100',
  },
};

export type ThroughputResults = Record<Mode, Record<TargetName, Measured<ThroughputResult>>>;

const percent = (share: number): string => `${(share * 100).toFixed(0)}%`;

export function lagShape(eventsPerAppend: number): string {
  const { ratePerSecond, tickMs } = BENCH.lag;
  const appends = (ratePerSecond * tickMs) / 1_000 / eventsPerAppend;
  return eventsPerAppend === 1
    ? `${appends} single-event appends every ${tickMs} ms`
    : `${appends === 1 ? 'one append' : `${appends} appends`} of ${eventsPerAppend} events every ${tickMs} ms`;
}

/** The results table: one row per throughput workload, then one per subscription-lag run. */
export function resultTable(results: ThroughputResults, lags: readonly Measured<LagResult>[]): string[] {
  const header = ['workload', 'events/s', 'vs plain INSERT', 'lag p50', 'lag p99', 'lag max', 'delivered', 'others busy', 'xmin held'];
  const rows: string[][] = [];
  for (const mode of ['single', 'batch'] as const) {
    const plain = results[mode].plain.eventsPerSecond;
    for (const target of ['plain', 'orch', 'emmett'] as const) {
      const { eventsPerSecond: rate, noise } = results[mode][target];
      rows.push([
        WORKLOAD_NAMES[mode][target],
        formatCount(rate),
        `${(rate / plain).toFixed(2)}×`,
        ...['', '', '', ''],
        percent(noise.othersActive),
        percent(noise.horizonHeld),
      ]);
    }
  }
  for (const lag of lags) {
    const { commitToReceive: c } = lag;
    rows.push([
      `subscribeToAll lag, ${lag.eventsPerAppend === 1 ? 'single-event appends' : `${lag.eventsPerAppend} events per append`}`,
      formatCount(lag.eventsPerSecond),
      '',
      formatMs(c.p50),
      formatMs(c.p99),
      formatMs(c.max),
      `${formatCount(lag.delivered)}/${formatCount(lag.sent)}`,
      percent(lag.noise.othersActive),
      percent(lag.noise.horizonHeld),
    ]);
  }
  return textTable([header, ...rows]);
}

/** Each target with the numbers it was judged on; `met` false means missed. */
export function targetVerdicts(
  results: ThroughputResults,
  lags: readonly Measured<LagResult>[],
): { readonly text: string; readonly met: boolean }[] {
  const { plain, orch, emmett } = results.batch;
  const share = orch.eventsPerSecond / plain.eventsPerSecond;
  return [
    {
      text: `batched append ≥ ${BENCH.targets.batchVsPlainInsert * 100}% of the plain INSERT rate: ${(share * 100).toFixed(0)}% (${formatCount(orch.eventsPerSecond)} vs ${formatCount(plain.eventsPerSecond)} events/s)`,
      met: share >= BENCH.targets.batchVsPlainInsert,
    },
    {
      text: `batched append ahead of Emmett (batched): ${formatCount(orch.eventsPerSecond)} vs ${formatCount(emmett.eventsPerSecond)} events/s`,
      met: orch.eventsPerSecond > emmett.eventsPerSecond,
    },
    ...lags.map((lag) => ({
      text:
        `subscription lag p99 < ${BENCH.targets.lagP99Ms} ms, all delivered (${lagShape(lag.eventsPerAppend)}): ` +
        `p99 ${formatMs(lag.commitToReceive.p99)}, ${formatCount(lag.delivered)}/${formatCount(lag.sent)} delivered`,
      met: lag.commitToReceive.p99 < BENCH.targets.lagP99Ms && lag.delivered === lag.sent,
    })),
  ];
}
