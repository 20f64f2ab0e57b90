import type { SessionAction } from '@orch/contracts';
import { answerLines, apiCommand, EXIT } from '../api/api-command';
import { positional, reason, REASON_FLAG, requiredText, text } from '../api/options';

const EXPLAIN: Record<SessionAction, string> = {
  start: 'Starts a created session: the engine plans it (if needed) and dispatches ready tasks.',
  pause: 'Pauses a running session: running tasks keep going to their outcome, nothing new is dispatched.',
  resume: 'Resumes a paused session.',
  cancel: 'Cancels the session: open tasks are cancelled; a cancelled session cannot be restarted.',
  stop: 'Stops the session: running work is interrupted and open tasks are cancelled.',
  retry: 'Retries a failed or timed-out session: its failed tasks become ready again.',
  'force-complete': 'Marks the session completed now, whatever its tasks\' states.',
};

/** `sessions <verb> <id> --reason …`: one lifecycle action, audited with the reason. */
export function sessionActionCommand(verb: string, action: SessionAction): ReturnType<typeof apiCommand> {
  const usage = `orchestrator sessions ${verb} <sessionId> --reason <text> [--idempotency-key k]`;
  return apiCommand({
    name: verb,
    summary: `${action} a session (--reason required)`,
    flags: [REASON_FLAG, { name: 'idempotency-key', kind: 'string' }],
    help: `Usage: ${usage}

${EXPLAIN[action]}
The reason is recorded with the action, the actor and the client in the event's metadata.
`,
    async run({ args, client, print }) {
      const id = positional(args, 0, 'the session id', usage);
      const body = { reason: reason(args) };
      const key = text(args, 'idempotency-key');
      const answer = await client.sessions.act(id, action, body, key ? { idempotencyKey: key } : {});
      print(answer, () => answerLines(`session ${verb}`, answer));
      return EXIT.ok;
    },
  });
}

const INJECT_USAGE = 'orchestrator sessions inject <sessionId> --text <prompt> [--task <taskId>] --reason <text>';

export const sessionInjectCommand = apiCommand({
  name: 'inject',
  summary: 'inject a prompt into a running session or one of its tasks (--reason required)',
  flags: [{ name: 'text', kind: 'string' }, { name: 'task', kind: 'string' }, REASON_FLAG, { name: 'idempotency-key', kind: 'string' }],
  help: `Usage: ${INJECT_USAGE}

Hands the text to the session's running agents (or to the one running --task), recorded with the reason.
`,
  async run({ args, client, print }) {
    const id = positional(args, 0, 'the session id', INJECT_USAGE);
    const prompt = requiredText(args, 'text', 'the prompt to inject');
    const taskId = text(args, 'task');
    const body = { reason: reason(args), text: prompt, ...(taskId === undefined ? {} : { taskId }) };
    const key = text(args, 'idempotency-key');
    const answer = await client.sessions.injectPrompt(id, body, key ? { idempotencyKey: key } : {});
    print(answer, () => answerLines('prompt injected', answer));
    return EXIT.ok;
  },
});
