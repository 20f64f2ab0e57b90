import type { AgentListParams, AgentSummary } from '@orch/contracts';
import { apiCommand, EXIT } from '../api/api-command';
import { defined, list, text, wholeNumber } from '../api/options';
import { renderTable } from '../format/table';

export const agentListCommand = apiCommand({
  name: 'list',
  summary: 'agents by name, filtered by status, type, tier, capability',
  flags: [
    { name: 'status', kind: 'string' },
    { name: 'type', kind: 'string' },
    { name: 'tier', kind: 'string' },
    { name: 'capability', kind: 'string' },
    { name: 'limit', kind: 'count' },
    { name: 'cursor', kind: 'string' },
    { name: 'min-position', kind: 'string' },
  ],
  help: `Usage: orchestrator agents list [--status a,b] [--type a,b] [--tier a,b] [--capability c] [--limit n] [--cursor c]

The agent registry by name, with status, tier and load (held slots / capacity).

Options:
  --min-position <p>   answer only once the read side includes position p (a command's answer)
`,
  async run({ args, client, print }) {
    const page = await client.query.agents(
      defined({
        status: list(args, 'status'),
        type: list(args, 'type'),
        tier: list(args, 'tier'),
        capability: text(args, 'capability'),
        limit: typeof args.flags.get('limit') === 'number' ? (args.flags.get('limit') as number) : undefined,
        cursor: text(args, 'cursor'),
        minPosition: wholeNumber(args, 'min-position'),
      }) as AgentListParams,
    );
    print(page, () => [...agentTable(page.items), ...(page.nextCursor ? [`next page: --cursor ${page.nextCursor}`] : [])]);
    return EXIT.ok;
  },
});

function agentTable(agents: readonly AgentSummary[]): string[] {
  if (agents.length === 0) return ['no agents'];
  return renderTable(
    ['id', 'name', 'type', 'status', 'tier', 'load', 'runtime', 'capabilities'],
    agents.map((agent) => [
      agent.id,
      agent.name,
      agent.agentType,
      agent.status,
      agent.tier,
      `${agent.load.held}/${agent.load.capacity}`,
      agent.runtimeKind,
      agent.primaryCapabilities.join(','),
    ]),
    new Set([5]),
  );
}
