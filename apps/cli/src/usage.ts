import { type CommandGroup } from './command';

const ENVIRONMENT = `Environment (the same variables as the api):
  DATABASE_URL            PostgreSQL of the event store and the read models. Unset: the embedded
                          PostgreSQL of \`npm start\` under $ORCH_DATA_DIR/pg, joined while npm start
                          runs, started for the command otherwise; an error if there is none.
  EVENT_STORE             postgres (default) or esdb
  ESDB_CONNECTION_STRING  with EVENT_STORE=esdb
  ORCH_DATA_DIR           default .data
  EMBEDDED_PG_PORT        default 54329 (a running npm start's port is read from its data dir)`;

export function topUsage(groups: readonly CommandGroup[]): string {
  const width = Math.max(...groups.flatMap((group) => group.commands.map((command) => `${group.name} ${command.name}`.length)));
  const lines = groups.flatMap((group) => group.commands.map((command) => `  ${`${group.name} ${command.name}`.padEnd(width)}  ${command.summary}`));
  return `Usage: cli <command> [options]      (from a checkout: npm run cli -- <command> [options])

The orchestrator's operator CLI.

Commands:
${lines.join('\n')}

Run \`cli <command> --help\` for a command's options.

${ENVIRONMENT}

Exit status: 0 done, 1 the command failed, 2 usage or configuration error, 130 interrupted.
`;
}

export function groupUsage(group: CommandGroup): string {
  const width = Math.max(...group.commands.map((command) => command.name.length));
  return `Usage: cli ${group.name} <command> [options]

${group.summary}

Commands:
${group.commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run \`cli ${group.name} <command> --help\` for a command's options.
`;
}
