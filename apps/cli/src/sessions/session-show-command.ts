import type { SessionDetail } from '@orch/contracts';
import { apiCommand, EXIT } from '../api/api-command';
import { defined, positional, wholeNumber } from '../api/options';
import { renderTable } from '../format/table';

const USAGE = 'orchestrator sessions show <sessionId> [--min-position p]';

export const sessionShowCommand = apiCommand({
  name: 'show',
  summary: 'one session: settings, timings, usage and its task graph',
  flags: [{ name: 'min-position', kind: 'string' }],
  help: `Usage: ${USAGE}

The session with its settings, status, timings, usage and every task (status, agent, attempts).

Options:
  --min-position <p>   answer only once the read side includes position p (a command's answer)
`,
  async run({ args, client, print }) {
    const id = positional(args, 0, 'the session id', USAGE);
    const session = await client.query.session(id, defined({ minPosition: wholeNumber(args, 'min-position') }));
    print(session, () => sessionLines(session));
    return EXIT.ok;
  },
});

function sessionLines(session: SessionDetail): string[] {
  const fields: [string, string][] = [
    ['id', session.id],
    ['title', session.title],
    ['status', `${session.status}${session.statusCause ? ` (${session.statusCause})` : ''} since ${session.statusChangedAt}`],
    ['type / priority', `${session.sessionType} / ${session.priority}`],
    ['tags', session.tags.join(', ') || '-'],
    ['repository', session.repository ? `${session.repository.source} @ ${session.repository.baseRef}` : '-'],
    ['branch', session.workspace?.branch ?? '-'],
    ['usage', `${session.usage.tokensIn} tokens in, ${session.usage.tokensOut} out, $${session.usage.costUsd.toFixed(4)}${session.budgetUsd === null ? '' : ` of $${session.budgetUsd}`}`],
    ['created', session.createdAt],
    ['failure', session.failure ? `${session.failure.code}: ${session.failure.message}` : '-'],
    ['revision / position', `${session.revision} / ${session.position}`],
  ];
  const width = Math.max(...fields.map(([name]) => name.length));
  const tasks =
    session.tasks.length === 0
      ? ['no tasks yet']
      : renderTable(
          ['task', 'status', 'agent', 'attempt', 'title'],
          session.tasks.map((task) => [task.id, task.status, task.agentId ?? '-', String(task.attempt), task.title]),
          new Set([3]),
        );
  return [...fields.map(([name, value]) => `${name.padEnd(width)}  ${value}`), '', ...tasks];
}
