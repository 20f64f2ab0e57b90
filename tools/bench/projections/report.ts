import { formatCount, formatMs } from '../event-store/format';
import type { Measured } from '../event-store/report';
import { BENCH } from './bench-config';
import type { LagResult, RebuildResult } from './jobs';
import { textTable } from '../shared/text-table';

const percent = (share: number): string => `${(share * 100).toFixed(0)}%`;
const rate = (events: number, seconds: number): number => events / seconds;

/** Raw read (the baseline), then the rebuild of every projection, then the steady-state lag. */
export function resultTable(rebuild: Measured<RebuildResult>, lag: Measured<LagResult>): string[] {
  const readRate = rate(rebuild.events, rebuild.readSeconds);
  const rebuildRate = rate(rebuild.events, rebuild.rebuildSeconds);
  const noise = (measured: Measured<unknown>) => [percent(measured.noise.othersActive), percent(measured.noise.horizonHeld)];
  return textTable([
    ['workload', 'events', 'seconds', 'events/s', 'vs raw read', 'lag p50', 'lag p99', 'lag max', 'others busy', 'xmin held'],
    [`raw read of the log (readAll, pages of ${BENCH.rebuild.batchSize})`, formatCount(rebuild.events), rebuild.readSeconds.toFixed(1), formatCount(readRate), '1.00×', '', '', '', ...noise(rebuild)],
    [
      `rebuild all (${rebuild.projections.length} projections, one shared read, batches of ${BENCH.rebuild.batchSize})`,
      formatCount(rebuild.events),
      rebuild.rebuildSeconds.toFixed(1),
      formatCount(rebuildRate),
      `${(rebuildRate / readRate).toFixed(3)}×`,
      '',
      '',
      '',
      ...noise(rebuild),
    ],
    [
      `live projection at ${formatCount(BENCH.lag.ratePerSecond)} events/s, all projectors`,
      `${formatCount(lag.projected)}/${formatCount(lag.sent)}`,
      (lag.sent / lag.eventsPerSecond).toFixed(1),
      formatCount(lag.eventsPerSecond),
      '',
      formatMs(lag.lag.p50),
      formatMs(lag.lag.p99),
      formatMs(lag.lag.max),
      ...noise(lag),
    ],
  ]);
}

/** Where the rebuild's time went, per projection: when it was swapped in, and its work per event of the log. */
export function projectionTable(rebuild: RebuildResult): string[] {
  const rows = rebuild.projections.map((figures) => [
    figures.projector,
    `${figures.swappedAfter.toFixed(1)} s`,
    (figures.statements / rebuild.events).toFixed(2),
    (figures.rowsWritten / rebuild.events).toFixed(2),
    (figures.indexScans / rebuild.events).toFixed(2),
  ]);
  return textTable([['projection', 'swapped after', 'statements/event', 'rows written/event', 'index scans/event'], ...rows]);
}

/** The live runner's sustained rate: everything appended, projected by every projector, over the time that took. */
export function lagSummary(lag: LagResult): string {
  const appendSeconds = lag.sent / lag.eventsPerSecond;
  return (
    `appended ${formatCount(lag.sent)} events in ${appendSeconds.toFixed(1)} s (${formatCount(lag.eventsPerSecond)}/s of the ${formatCount(BENCH.lag.ratePerSecond)}/s asked); ` +
    `every projector had committed them all after ${lag.drainedAfter.toFixed(1)} s: ${formatCount(lag.projected / lag.drainedAfter)} events/s sustained ` +
    `(each projector done after: ${Object.entries(lag.drainedAfterByProjector).map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`).join(', ')})`
  );
}

export function targetVerdicts(rebuild: RebuildResult): { readonly text: string; readonly met: boolean }[] {
  const rebuildRate = rate(rebuild.events, rebuild.rebuildSeconds);
  const slowest = [...rebuild.projections].sort((a, b) => b.swappedAfter - a.swappedAfter)[0];
  const alone = slowest ? `; the last one swapped in, ${slowest.projector}, took ${slowest.swappedAfter.toFixed(1)} s of the ${rebuild.rebuildSeconds.toFixed(1)} s` : '';
  return [
    {
      text: `rebuild ≥ ${formatCount(BENCH.targets.rebuildEventsPerSecond)} events/s (all projections, log events per second): ${formatCount(rebuildRate)} events/s${alone}`,
      met: rebuildRate >= BENCH.targets.rebuildEventsPerSecond,
    },
  ];
}
