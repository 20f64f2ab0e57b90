import type { AgentDetail } from '@orch/contracts';
import { apiCommand, EXIT } from '../api/api-command';
import { defined, positional, wholeNumber } from '../api/options';

const USAGE = 'orchestrator agents show <agentId> [--min-position p]';

export const agentShowCommand = apiCommand({
  name: 'show',
  summary: 'one agent: runtime, load, held slots, per-capability success, liveness',
  flags: [{ name: 'min-position', kind: 'string' }],
  help: `Usage: ${USAGE}

Options:
  --min-position <p>   answer only once the read side includes position p (a command's answer)
`,
  async run({ args, client, print }) {
    const id = positional(args, 0, 'the agent id', USAGE);
    const agent = await client.query.agent(id, defined({ minPosition: wholeNumber(args, 'min-position') }));
    print(agent, () => agentLines(agent));
    return EXIT.ok;
  },
});

function agentLines(agent: AgentDetail): string[] {
  const fields: [string, string][] = [
    ['id', agent.id],
    ['name', agent.name],
    ['type', agent.agentType],
    ['status', `${agent.status} since ${agent.statusChangedAt}`],
    ['tier', `${agent.tier}${agent.successRate === null ? '' : ` (success ${(agent.successRate * 100).toFixed(0)} %)`}`],
    ['runtime', `${agent.runtimeKind}${agent.model ? ` (${agent.model})` : ''}`],
    ['capabilities', `${agent.primaryCapabilities.join(', ')}${agent.secondaryCapabilities.length ? `; also ${agent.secondaryCapabilities.join(', ')}` : ''}`],
    ['load', `${agent.load.held}/${agent.load.capacity} (${agent.load.level})`],
    ['held slots', agent.load.heldSlots.map((slot) => `${slot.sessionId}/${slot.taskId}#${slot.attempt}`).join(', ') || '-'],
    ['outcomes', `${agent.outcomes.succeeded} succeeded, ${agent.outcomes.failed} failed, ${agent.outcomes.lost} lost`],
    ['last heartbeat', agent.liveness.lastHeartbeatAt ?? '-'],
  ];
  const width = Math.max(...fields.map(([name]) => name.length));
  return fields.map(([name, value]) => `${name.padEnd(width)}  ${value}`);
}
