import type { CreateSessionRequest, PlanningRequest, SessionType, TaskSpec } from '@orch/contracts';
import { UsageError } from '../cli-error';
import { answerLines, apiCommand, EXIT } from '../api/api-command';
import { decimal, defined, json, list, oneOf, requiredText, text, wholeNumber } from '../api/options';

const SESSION_TYPES: readonly SessionType[] = ['planning', 'execution', 'review', 'debug', 'integration'];

export const sessionCreateCommand = apiCommand({
  name: 'create',
  summary: 'create a session (planned from a template, explicit tasks, or by an agent)',
  flags: [
    { name: 'title', kind: 'string' },
    { name: 'prompt', kind: 'string' },
    { name: 'description', kind: 'string' },
    { name: 'type', kind: 'string' },
    { name: 'priority', kind: 'string' },
    { name: 'tags', kind: 'string' },
    { name: 'repository', kind: 'string' },
    { name: 'base-ref', kind: 'string' },
    { name: 'budget-usd', kind: 'string' },
    { name: 'max-duration', kind: 'count' },
    { name: 'model', kind: 'string' },
    { name: 'template', kind: 'string' },
    { name: 'tasks', kind: 'string' },
    { name: 'plan-by-agent', kind: 'boolean' },
    { name: 'idempotency-key', kind: 'string' },
  ],
  help: `Usage: orchestrator sessions create --title <text> --prompt <text> [options]

Creates a session. It starts planned but not running: \`orchestrator sessions start <id> --reason …\`.

Options:
  --title <text>            required
  --prompt <text>           required: what the agents are asked to do
  --description <text>
  --type <type>             ${SESSION_TYPES.join(', ')} (default execution)
  --priority <0..4>         0 critical .. 4 deferred (default 2)
  --tags <a,b>              comma-separated
  --repository <url|path>   the git repository the agents work in; --base-ref <ref> its base
  --budget-usd <n>          spending limit
  --max-duration <s>        seconds of active time before it times out
  --model <id>              model identifier for the agents
  --template <name>         plan from a template (e.g. feature)
  --tasks <json|@file>      plan from explicit tasks: [{ "id", "title", "capabilities", "dependsOn"? }]
  --plan-by-agent           let an architect agent plan it
  --idempotency-key <key>   a repeat with the same key creates nothing and answers the first result
`,
  async run({ args, client, print }) {
    const body: CreateSessionRequest = defined({
      title: requiredText(args, 'title'),
      prompt: requiredText(args, 'prompt'),
      description: text(args, 'description'),
      sessionType: oneOf(args, 'type', SESSION_TYPES),
      priority: wholeNumber(args, 'priority'),
      tags: list(args, 'tags'),
      repository: repository(text(args, 'repository'), text(args, 'base-ref')),
      budgetUsd: decimal(args, 'budget-usd'),
      maxDurationSeconds: numberOrUndefined(args.flags.get('max-duration')),
      modelIdentifier: text(args, 'model'),
      planning: planning(text(args, 'template'), json(args, 'tasks'), args.flags.get('plan-by-agent') === true),
    });
    const key = text(args, 'idempotency-key');
    const answer = await client.sessions.create(body, key ? { idempotencyKey: key } : {});
    print(answer, () => answerLines('session created', answer));
    return EXIT.ok;
  },
});

function repository(source: string | undefined, baseRef: string | undefined): CreateSessionRequest['repository'] {
  if (source === undefined) {
    if (baseRef !== undefined) throw new UsageError('--base-ref needs --repository');
    return undefined;
  }
  return baseRef === undefined ? { source } : { source, baseRef };
}

function planning(template: string | undefined, tasks: unknown, byAgent: boolean): PlanningRequest | undefined {
  const given = [template !== undefined, tasks !== undefined, byAgent].filter(Boolean).length;
  if (given > 1) throw new UsageError('give one of --template, --tasks and --plan-by-agent');
  if (template !== undefined) return { mode: 'template', template };
  if (tasks !== undefined) {
    if (!Array.isArray(tasks)) throw new UsageError('--tasks must be a JSON array of tasks');
    return { mode: 'explicit', tasks: tasks as TaskSpec[] };
  }
  return byAgent ? { mode: 'agent' } : undefined;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
