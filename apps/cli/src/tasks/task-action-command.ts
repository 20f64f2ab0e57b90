import type { TaskAction } from '@orch/contracts';
import { answerLines, apiCommand, EXIT } from '../api/api-command';
import { positional, reason, REASON_FLAG, text } from '../api/options';

const EXPLAIN: Record<TaskAction, string> = {
  retry: 'Makes a failed (or cancelled) task ready again for a new attempt.',
  skip: 'Skips the task: it counts as done for its dependants, and nothing runs for it.',
  reassign: 'Routes the task again, to --agent <agentId> when given, else to the best other agent.',
};

/** `tasks <action> <sessionId> <taskId> --reason …`. */
export function taskActionCommand(action: TaskAction): ReturnType<typeof apiCommand> {
  const usage = `orchestrator tasks ${action} <sessionId> <taskId>${action === 'reassign' ? ' [--agent <agentId>]' : ''} --reason <text>`;
  return apiCommand({
    name: action,
    summary: `${action} a task of a session (--reason required)`,
    flags: [REASON_FLAG, ...(action === 'reassign' ? [{ name: 'agent', kind: 'string' } as const] : []), { name: 'idempotency-key', kind: 'string' }],
    help: `Usage: ${usage}

${EXPLAIN[action]}
The reason is recorded with the action and the actor.
`,
    async run({ args, client, print }) {
      const sessionId = positional(args, 0, 'the session id', usage);
      const taskId = positional(args, 1, 'the task id', usage);
      const agentId = text(args, 'agent');
      const body = { reason: reason(args), ...(agentId === undefined ? {} : { agentId }) };
      const key = text(args, 'idempotency-key');
      const answer = await client.sessions.task(sessionId, taskId, action, body, key ? { idempotencyKey: key } : {});
      print(answer, () => answerLines(`task ${taskId} ${action}`, answer));
      return EXIT.ok;
    },
  });
}
