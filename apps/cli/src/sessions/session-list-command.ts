import type { SessionListParams, SessionSummary } from '@orch/contracts';
import { apiCommand, EXIT } from '../api/api-command';
import { defined, list, text, wholeNumber } from '../api/options';
import { renderTable } from '../format/table';

export const sessionListCommand = apiCommand({
  name: 'list',
  summary: 'sessions newest first, filtered by status, priority, tag, text',
  flags: [
    { name: 'status', kind: 'string' },
    { name: 'priority', kind: 'string' },
    { name: 'tag', kind: 'string' },
    { name: 'text', kind: 'string' },
    { name: 'limit', kind: 'count' },
    { name: 'cursor', kind: 'string' },
    { name: 'min-position', kind: 'string' },
  ],
  help: `Usage: orchestrator sessions list [--status a,b] [--priority 0,1] [--tag a,b] [--text words] [--limit n] [--cursor c]

Sessions, newest first. Lists are comma-separated: any of the statuses, any of the priorities,
every one of the tags; --text matches word prefixes of the title, description and prompt.
The next page: pass the printed cursor as --cursor.

Options:
  --min-position <p>   answer only once the read side includes position p (a command's answer)
`,
  async run({ args, client, print }) {
    const page = await client.query.sessions(
      defined({
        status: list(args, 'status') as SessionListParams['status'],
        priority: list(args, 'priority')?.map(Number),
        tag: list(args, 'tag'),
        text: text(args, 'text'),
        limit: typeof args.flags.get('limit') === 'number' ? (args.flags.get('limit') as number) : undefined,
        cursor: text(args, 'cursor'),
        minPosition: wholeNumber(args, 'min-position'),
      }),
    );
    print(page, () => [...sessionTable(page.items), ...(page.nextCursor ? [`next page: --cursor ${page.nextCursor}`] : [])]);
    return EXIT.ok;
  },
});

export function sessionTable(sessions: readonly SessionSummary[]): string[] {
  if (sessions.length === 0) return ['no sessions'];
  return renderTable(
    ['id', 'status', 'priority', 'tasks', 'cost usd', 'title'],
    sessions.map((session) => [
      session.id,
      session.status,
      String(session.priority),
      `${session.taskCounts.completed ?? 0}/${session.tasksTotal}`,
      session.usage.costUsd.toFixed(4),
      session.title,
    ]),
    new Set([2, 3, 4]),
  );
}
