import { REBUILD_BATCH_SIZE, rebuildProjection, type ProjectorLogger, type RebuildResult } from '@orch/read-models';
import { flag } from '../args';
import { EXIT, UsageError } from '../cli-error';
import { type CliIo, type Command, logTo } from '../command';
import { withStores } from '../connect/open-stores';
import { formatCount, formatElapsed } from '../format/numbers';
import { renderTable } from '../format/table';
import { whileRunning } from '../interrupt';
import { checkProjectorName, PROJECTOR_NAMES } from './projector-names';
import { RebuildProgressReporter } from './rebuild-progress';

export const rebuildCommand: Command = {
  name: 'rebuild',
  summary: 'replay a projection (or all) from position 0 and swap it in',
  flags: [
    { name: 'batch-size', kind: 'count' },
    { name: 'concurrency', kind: 'count' },
    { name: 'progress-interval', kind: 'seconds' },
  ],
  help: `Usage: orchestrator projections rebuild <name|all> [options]

Replays the whole event log into fresh shadow tables (read once for all the projections
rebuilt), then swaps them in atomically. Live
traffic carries on meanwhile: readers keep the current tables until the swap, and a running
projector pauses for the swap only and then continues from the rebuilt checkpoint.

  <name>   one of: ${PROJECTOR_NAMES.join(', ')}; or all

Progress (events done/total, rate, ETA) goes to stderr: one updating line on a terminal, plain
lines otherwise. The summary goes to stdout.

Options:
  --batch-size <n>            events per replay batch: one read of the log, one transaction per projector (default ${REBUILD_BATCH_SIZE})
  --concurrency <n>           projector transactions applied at the same time (default: all of them)
  --progress-interval <s>     seconds between progress lines when stderr is not a terminal (default 2)

Exit status: 0 rebuilt, 1 the rebuild failed (the live tables are untouched), 2 usage error.
`,
  async run(args, { io, config }) {
    const [name, ...extra] = args.positionals;
    if (name === undefined) throw new UsageError('which projection? give a name or "all"', `valid names: ${[...PROJECTOR_NAMES, 'all'].join(', ')}`);
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0] ?? ''}"`);
    checkProjectorName(name, true);
    const projectors = name === 'all' ? PROJECTOR_NAMES : [name];
    const log = logTo(io);
    return withStores(config(), log, async ({ eventStore, readModels, description }) => {
      log(`rebuilding ${projectors.join(', ')} from position 0 on ${description}; live projections keep running until each swap`);
      const progress = new RebuildProgressReporter({ stderr: io.stderr, projectors, intervalMs: flag.number(args, 'progress-interval', 2) * 1_000 });
      const done = whileRunning({
        report: () => {
          progress.clear();
          log('interrupted: projections swapped in so far are rebuilt, the others untouched; their next rebuild replaces the leftover shadow tables');
        },
      });
      const started = performance.now();
      try {
        const results = await rebuildProjection(name, {
          db: readModels.db,
          eventStore,
          onProgress: (update) => progress.update(update),
          logger: stderrWarnings(io),
          batchSize: flag.number(args, 'batch-size', REBUILD_BATCH_SIZE),
          concurrency: flag.number(args, 'concurrency', PROJECTOR_NAMES.length),
        });
        progress.finish();
        io.stdout.write(`${summary(results, (performance.now() - started) / 1_000).join('\n')}\n`);
        return EXIT.ok;
      } catch (error) {
        progress.clear();
        throw error;
      } finally {
        done();
      }
    });
  },
};

function summary(results: readonly RebuildResult[], seconds: number): string[] {
  const rows = results.map((result) => [result.projector, formatCount(result.events), result.position === null ? '-' : String(result.position), formatCount(result.parked)]);
  const events = Math.max(0, ...results.map((result) => result.events));
  const lines = [...renderTable(['projector', 'events', 'checkpoint', 'parked'], rows, new Set([1, 2, 3])), ''];
  lines.push(`rebuilt ${results.length} projection${results.length === 1 ? '' : 's'} over ${formatCount(events)} events in ${formatElapsed(seconds)}`);
  const parked = results.filter((result) => result.parked > 0);
  for (const result of parked) {
    lines.push(`${result.projector}: ${formatCount(result.parked)} event${result.parked === 1 ? '' : 's'} parked, see \`projections parked ${result.projector}\``);
  }
  return lines;
}

/** The rebuild's own info lines are replaced by the progress output; warnings and errors are kept. */
function stderrWarnings(io: CliIo): ProjectorLogger {
  const write = (level: string) => (fields: Record<string, unknown>, message: string) => io.stderr.write(`${level}: ${message} ${JSON.stringify(fields)}\n`);
  return { info: () => undefined, warn: write('warning'), error: write('error') };
}
