import { type ReadModelDb } from '@orch/read-models';
import { flag } from '../args';
import { EXIT, UsageError } from '../cli-error';
import { type Command, logTo } from '../command';
import { withStores } from '../connect/open-stores';
import { formatCount } from '../format/numbers';
import { renderTable } from '../format/table';
import { checkProjectorName, PROJECTOR_NAMES } from './projector-names';

const DEFAULT_LIMIT = 50;
/** Errors are cut to this in the table; --json has them whole. */
const ERROR_WIDTH = 100;

export interface ParkedRow {
  readonly projector: string;
  readonly position: number;
  readonly stream_name: string;
  readonly event_type: string;
  readonly event_id: string;
  readonly tenant_id: string | null;
  readonly error: string;
  readonly parked_at: string;
}

export const parkedCommand: Command = {
  name: 'parked',
  summary: 'list the events a projector could not apply',
  flags: [
    { name: 'json', kind: 'boolean' },
    { name: 'limit', kind: 'count' },
  ],
  help: `Usage: orchestrator projections parked [name] [--limit <n>] [--json]

Lists parked events: events a projector could not apply (a malformed event, a bug in the
projector). The rest of their batch was committed; each parked event is kept with its error.
After a fix, \`projections rebuild <name>\` replays them and clears the ones that now apply.

  [name]   one of: ${PROJECTOR_NAMES.join(', ')} (default: every projector)

Options:
  --limit <n>   show at most n events, oldest first (default ${DEFAULT_LIMIT})
  --json        the rows as a JSON array on stdout, errors in full
`,
  async run(args, { io, config }) {
    const [name, ...extra] = args.positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0] ?? ''}"`);
    if (name !== undefined) checkProjectorName(name, false);
    const limit = flag.number(args, 'limit', DEFAULT_LIMIT);
    const { rows, total } = await withStores(config(), logTo(io), ({ readModels }) => parkedEvents(readModels.db, name, limit));
    if (flag.boolean(args, 'json')) {
      io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return EXIT.ok;
    }
    const scope = name === undefined ? '' : ` for ${name}`;
    if (total === 0) {
      io.stdout.write(`no parked events${scope}\n`);
      return EXIT.ok;
    }
    const body = rows.map((row) => [row.projector, String(row.position), row.event_type, row.stream_name, row.parked_at, oneLine(row.error)]);
    const lines = renderTable(['projector', 'position', 'type', 'stream', 'parked at', 'error'], body, new Set([1]));
    lines.push('', `${formatCount(total)} parked event${total === 1 ? '' : 's'}${scope}${total > rows.length ? `, first ${formatCount(rows.length)} shown (--limit)` : ''}`);
    io.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  },
};

export async function parkedEvents(db: ReadModelDb, projector: string | undefined, limit: number): Promise<{ rows: ParkedRow[]; total: number }> {
  let query = db.selectFrom('parked_events');
  if (projector !== undefined) query = query.where('projector', '=', projector);
  const rows = await query
    .select(['projector', 'position', 'stream_name', 'event_type', 'event_id', 'tenant_id', 'error', 'parked_at'])
    .orderBy('projector')
    .orderBy('position')
    .limit(limit)
    .execute();
  const count = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
  return { rows, total: Number(count?.total ?? 0) };
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > ERROR_WIDTH ? `${flat.slice(0, ERROR_WIDTH - 1)}…` : flat;
}
