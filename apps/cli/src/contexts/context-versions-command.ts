import { apiCommand, EXIT } from '../api/api-command';
import { defined, positional, text, wholeNumber } from '../api/options';
import { renderTable } from '../format/table';

const USAGE = 'orchestrator contexts versions <contextId> [--limit n] [--cursor c]';

export const contextVersionsCommand = apiCommand({
  name: 'versions',
  summary: 'a context\'s versions, newest first: who changed which paths',
  flags: [{ name: 'limit', kind: 'count' }, { name: 'cursor', kind: 'string' }, { name: 'min-position', kind: 'string' }],
  help: `Usage: ${USAGE}

Options:
  --min-position <p>   answer only once the read side includes position p (a command's answer)
`,
  async run({ args, client, print }) {
    const id = positional(args, 0, 'the context id', USAGE);
    const page = await client.query.contextVersions(
      id,
      defined({
        limit: typeof args.flags.get('limit') === 'number' ? (args.flags.get('limit') as number) : undefined,
        cursor: text(args, 'cursor'),
        minPosition: wholeNumber(args, 'min-position'),
      }),
    );
    print(page, () => [
      ...renderTable(
        ['version', 'kind', 'actor', 'at', 'added', 'modified', 'deleted'],
        page.items.map((v) => [String(v.version), v.kind, v.actor, v.at, v.changes.added.join(','), v.changes.modified.join(','), v.changes.deleted.join(',')]),
        new Set([0]),
      ),
      ...(page.nextCursor ? [`next page: --cursor ${page.nextCursor}`] : []),
    ]);
    return EXIT.ok;
  },
});
