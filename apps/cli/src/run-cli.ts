import { parseArgs } from './args';
import { EXIT, UsageError } from './cli-error';
import { type CliIo, type CommandGroup } from './command';
import { loadConfig, type CliConfig } from './config';
import { projectionsGroup } from './projections/projections-group';
import { agentsGroup } from './agents/agents-group';
import { contextsGroup } from './contexts/contexts-group';
import { eventsGroup } from './events/events-group';
import { keysGroup } from './keys/keys-group';
import { sessionsGroup } from './sessions/sessions-group';
import { tasksGroup } from './tasks/tasks-group';
import { webhooksGroup } from './webhooks/webhooks-group';
import { bundleGroup } from './evidence/evidence-groups';
import { groupUsage, topUsage } from './usage';

const GROUPS: readonly CommandGroup[] = [sessionsGroup, tasksGroup, agentsGroup, contextsGroup, eventsGroup, webhooksGroup, keysGroup, projectionsGroup, bundleGroup];

/** Routes argv to a command and maps what it throws to an exit code (see cli-error.ts). */
export async function runCli(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  try {
    return await route(argv, io, env);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
      return EXIT.usage;
    }
    io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}

async function route(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const [groupName, commandName, ...rest] = argv;
  if (groupName === undefined || groupName === '--help' || groupName === '-h' || groupName === 'help') {
    (groupName === undefined ? io.stderr : io.stdout).write(topUsage(GROUPS));
    return groupName === undefined ? EXIT.usage : EXIT.ok;
  }
  const group = GROUPS.find((candidate) => candidate.name === groupName);
  if (!group) throw new UsageError(`unknown command "${groupName}"`, `commands: ${GROUPS.map((g) => g.name).join(', ')}; see orchestrator --help`);
  if (commandName === undefined || commandName === '--help' || commandName === '-h' || commandName === 'help') {
    (commandName === undefined ? io.stderr : io.stdout).write(groupUsage(group));
    return commandName === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = group.commands.find((candidate) => candidate.name === commandName);
  if (!command) {
    throw new UsageError(`unknown command "${group.name} ${commandName}"`, `${group.name} commands: ${group.commands.map((c) => c.name).join(', ')}`);
  }
  const args = parseArgs(rest, command.flags);
  if (args.flags.get('help') === true) {
    io.stdout.write(command.help);
    return EXIT.ok;
  }
  let config: CliConfig | undefined;
  return command.run(args, { io, env, config: () => (config ??= loadConfig(env)) });
}
