import { createWriteStream, type WriteStream } from 'node:fs';
import { PAGE_LIMITS } from '@orch/contracts';
import { apiCommand, EXIT } from '../api/api-command';
import { defined, text, wholeNumber } from '../api/options';
import { formatCount } from '../format/numbers';
import { whileRunning } from '../interrupt';
import { EVENT_FILTER_FLAGS, EVENT_FILTERS_HELP, eventFilters } from './event-filters';

const PROGRESS_EVERY_MS = 2_000;

export const eventsExportCommand = apiCommand({
  name: 'export',
  summary: 'the whole (filtered) event log as JSON lines, to stdout or --out',
  flags: [...EVENT_FILTER_FLAGS, { name: 'after', kind: 'string' }, { name: 'out', kind: 'string' }],
  help: `Usage: orchestrator events export [filters] [--after p] [--out file.jsonl]

Pages through the tenant's event log in position order (${PAGE_LIMITS.log.max} a page) up to its
current end and writes one JSON object per line: position, stream, type, data, metadata, …
Progress (events written, last position) goes to stderr. --after <p> continues an earlier
export from its last position.

${EVENT_FILTERS_HELP}
Options:
  --out <file>   write there instead of stdout (replaced if it exists)
`,
  async run({ args, client, io, log }) {
    const filters = eventFilters(args);
    const outPath = text(args, 'out');
    const file = outPath === undefined ? undefined : createWriteStream(outPath);
    const write = (line: string) => (file ? writeTo(file, line) : io.stdout.write(line));
    let after = wholeNumber(args, 'after');
    let written = 0;
    let lastReport = Date.now();
    const report = () => log(`exported ${formatCount(written)} events${after === undefined ? '' : ` (through position ${after})`}${outPath ? ` to ${outPath}` : ''}`);
    const unregister = whileRunning({ report: () => log(`interrupted: ${formatCount(written)} events written; continue with --after ${after ?? 0}`) });
    try {
      for (;;) {
        const page = await client.query.events(defined({ ...filters, after, order: 'asc' as const, limit: PAGE_LIMITS.log.max }));
        for (const event of page.items) await write(`${JSON.stringify(event)}\n`);
        written += page.items.length;
        const last = page.items.at(-1);
        if (last) after = last.position;
        if (Date.now() - lastReport >= PROGRESS_EVERY_MS) {
          report();
          lastReport = Date.now();
        }
        if (page.next === null || page.items.length === 0) break;
      }
    } finally {
      unregister();
      if (file) await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
    }
    report();
    return EXIT.ok;
  },
});

function writeTo(file: WriteStream, line: string): Promise<void> | void {
  if (file.write(line)) return;
  return new Promise((resolve) => file.once('drain', () => resolve()));
}
