import type { EventLogEntry } from '@orch/contracts';
import { apiCommand, EXIT } from '../api/api-command';
import { defined, oneOf, wholeNumber } from '../api/options';
import { renderTable } from '../format/table';
import { EVENT_FILTER_FLAGS, EVENT_FILTERS_HELP, eventFilters } from './event-filters';

export const eventsQueryCommand = apiCommand({
  name: 'query',
  summary: 'one page of the event log, with every filter',
  flags: [
    ...EVENT_FILTER_FLAGS,
    { name: 'after', kind: 'string' },
    { name: 'before', kind: 'string' },
    { name: 'order', kind: 'string' },
    { name: 'limit', kind: 'count' },
    { name: 'min-position', kind: 'string' },
  ],
  help: `Usage: orchestrator events query [filters] [--after p] [--before p] [--order asc|desc] [--limit n]

One page of the tenant's event log (data and metadata with --json; credential hashes redacted).
The next page: --after <next> (ascending) or --before <next> (descending), as printed.

${EVENT_FILTERS_HELP}
Paging:
  --after <p>, --before <p>  exclusive global positions
  --order asc|desc           default asc
  --limit <n>                1..500, default 100
  --min-position <p>         answer only once the read side includes position p
`,
  async run({ args, client, print }) {
    const order = oneOf(args, 'order', ['asc', 'desc'] as const);
    const page = await client.query.events(
      defined({
        ...eventFilters(args),
        after: wholeNumber(args, 'after'),
        before: wholeNumber(args, 'before'),
        order,
        limit: typeof args.flags.get('limit') === 'number' ? (args.flags.get('limit') as number) : undefined,
        minPosition: wholeNumber(args, 'min-position'),
      }),
    );
    print(page, () => [...eventTable(page.items), ...(page.next === null ? [] : [`next page: --${order === 'desc' ? 'before' : 'after'} ${page.next}`])]);
    return EXIT.ok;
  },
});

function eventTable(events: readonly EventLogEntry[]): string[] {
  if (events.length === 0) return ['no events'];
  return renderTable(
    ['position', 'recorded at', 'type', 'stream', 'actor', 'reason'],
    events.map((event) => [String(event.position), event.recordedAt, event.type, event.streamName, `${event.actorKind}:${event.actor}`, reasonOf(event)]),
    new Set([0]),
  );
}

function reasonOf(event: EventLogEntry): string {
  const reason = event.metadata?.['reason'];
  return typeof reason === 'string' ? reason : '';
}
