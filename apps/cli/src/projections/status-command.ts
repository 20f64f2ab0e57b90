import { flag } from '../args';
import { EXIT } from '../cli-error';
import { type Command, logTo } from '../command';
import { withStores } from '../connect/open-stores';
import { formatCount } from '../format/numbers';
import { renderTable } from '../format/table';
import { projectionStatus, type ProjectorStatus } from './projection-status';

const DEFAULT_COUNT_LIMIT = 100_000;

export const statusCommand: Command = {
  name: 'status',
  summary: 'per projector: checkpoint, head, lag, parked events',
  flags: [
    { name: 'json', kind: 'boolean' },
    { name: 'count-limit', kind: 'count' },
  ],
  help: `Usage: orchestrator projections status [--json] [--count-limit <n>]

Shows, for every projector, the position of its checkpoint (the last event it committed), the
head of the event store (the last visible event), the lag (events after the checkpoint) and the
number of parked events (events it could not apply; see \`projections parked\`).

Options:
  --json              one JSON object per projector, in an array, on stdout
  --count-limit <n>   read at most n events to count the lag (default ${formatCount(DEFAULT_COUNT_LIMIT)});
                      beyond it, head and lag are shown as lower bounds (≥)
`,
  async run(args, { io, config }) {
    const limit = flag.number(args, 'count-limit', DEFAULT_COUNT_LIMIT);
    const rows = await withStores(config(), logTo(io), ({ eventStore, readModels }) => projectionStatus(readModels.db, eventStore, limit));
    const lines = flag.boolean(args, 'json') ? [JSON.stringify(rows, null, 2)] : statusTable(rows, new Date());
    io.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  },
};

export function statusTable(rows: readonly ProjectorStatus[], now: Date): string[] {
  const bound = (row: ProjectorStatus) => (row.capped ? '≥ ' : '');
  const body = rows.map((row) => [
    row.projector,
    row.checkpoint === null ? '-' : String(row.checkpoint),
    row.head === null ? '-' : `${bound(row)}${row.head}`,
    `${bound(row)}${formatCount(row.lag)}`,
    formatCount(row.parked),
    row.updatedAt === null ? 'never' : `${row.updatedAt} (${ago(now, row.updatedAt)})`,
  ]);
  return renderTable(['projector', 'checkpoint', 'head', 'lag', 'parked', 'checkpoint moved'], body, new Set([1, 2, 3, 4]));
}

function ago(now: Date, iso: string): string {
  const seconds = Math.max(0, (now.getTime() - Date.parse(iso)) / 1_000);
  if (seconds < 90) return `${Math.round(seconds)} s ago`;
  if (seconds < 5_400) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 129_600) return `${Math.round(seconds / 3_600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}
