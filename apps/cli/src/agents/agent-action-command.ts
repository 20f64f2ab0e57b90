import type { AgentAction } from '@orch/contracts';
import { answerLines, apiCommand, EXIT } from '../api/api-command';
import { positional, reason, REASON_FLAG } from '../api/options';

const EXPLAIN: Record<AgentAction, string> = {
  drain: 'Drains the agent: it finishes what it holds and is given no new task.',
  enable: 'Enables a drained or disabled agent: it is routed tasks again.',
  disable: 'Disables the agent.',
};

/** `agents <action> <agentId> --reason …`. */
export function agentActionCommand(action: AgentAction): ReturnType<typeof apiCommand> {
  const usage = `orchestrator agents ${action} <agentId> --reason <text>`;
  return apiCommand({
    name: action,
    summary: `${action} an agent (--reason required)`,
    flags: [REASON_FLAG],
    help: `Usage: ${usage}

${EXPLAIN[action]} The reason is recorded with the action.
`,
    async run({ args, client, print }) {
      const id = positional(args, 0, 'the agent id', usage);
      const answer = await client.agents.act(id, action, { reason: reason(args) });
      print(answer, () => answerLines(`agent ${action}`, answer));
      return EXIT.ok;
    },
  });
}
