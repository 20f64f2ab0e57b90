import type { RegisterAgentRequest } from '@orch/contracts';
import { UsageError } from '../cli-error';
import { answerLines, apiCommand, EXIT } from '../api/api-command';
import { defined, json, list, requiredText, text } from '../api/options';

export const agentRegisterCommand = apiCommand({
  name: 'register',
  summary: 'register an agent (scripted, process, opencode or http runtime)',
  flags: [
    { name: 'name', kind: 'string' },
    { name: 'type', kind: 'string' },
    { name: 'capabilities', kind: 'string' },
    { name: 'secondary', kind: 'string' },
    { name: 'runtime', kind: 'string' },
    { name: 'runtime-config', kind: 'string' },
    { name: 'capacity', kind: 'count' },
    { name: 'model', kind: 'string' },
    { name: 'description', kind: 'string' },
    { name: 'idempotency-key', kind: 'string' },
  ],
  help: `Usage: orchestrator agents register --name <n> --type <type> --capabilities <a,b> --runtime <kind> [options]

Registers an agent in the key's tenant. An http agent's token is in the answer, shown once.

Options:
  --name <n>                 unique in the tenant
  --type <type>              architect, implementer, reviewer, tester, integrator, … (see the api's error for the list)
  --capabilities <a,b>       primary capabilities; --secondary <a,b> secondary ones
  --runtime <kind>           scripted, process, opencode or http
  --runtime-config <json|@f> the runtime's settings (secrets only as "secret:<name>"), default {}
  --capacity <n>             concurrent tasks (default 1)
  --model <id>, --description <text>
`,
  async run({ args, client, print }) {
    const config = json(args, 'runtime-config') ?? {};
    if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new UsageError('--runtime-config must be a JSON object');
    const primary = list(args, 'capabilities');
    if (!primary || primary.length === 0) throw new UsageError('--capabilities is required (comma-separated)');
    const body: RegisterAgentRequest = defined({
      name: requiredText(args, 'name'),
      agentType: requiredText(args, 'type'),
      primaryCapabilities: primary,
      secondaryCapabilities: list(args, 'secondary'),
      runtime: { kind: requiredText(args, 'runtime'), config: config as Record<string, unknown> },
      capacity: typeof args.flags.get('capacity') === 'number' ? (args.flags.get('capacity') as number) : undefined,
      model: text(args, 'model'),
      description: text(args, 'description'),
    });
    const key = text(args, 'idempotency-key');
    const answer = await client.agents.register(body, key ? { idempotencyKey: key } : {});
    print(answer, () => [...answerLines('agent registered', answer), ...(answer.token ? [`token (shown once): ${answer.token}`] : [])]);
    return EXIT.ok;
  },
});
