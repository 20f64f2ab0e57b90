import { type CommandGroup } from './command';

const ENVIRONMENT = `Environment of the api commands (every group but projections; --url and --key win):
  ORCH_API_URL            where the api listens, default http://127.0.0.1:3000
  ORCH_API_KEY            an API key; unset: the bootstrap admin key npm start wrote to
                          $ORCH_DATA_DIR/bootstrap-admin-key, if there is one

Environment of projections (the same variables as the api; it talks to PostgreSQL directly):
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
  return `Usage: orchestrator <command> [options]      (from a checkout: npx orchestrator … or npm run cli -- …)

The orchestrator's operator CLI.

Commands:
${lines.join('\n')}

Run \`orchestrator <command> --help\` for a command's options.

${ENVIRONMENT}

Exit status: 0 done, 1 the command failed, 2 usage or configuration error, 130 interrupted.
`;
}

export function groupUsage(group: CommandGroup): string {
  const width = Math.max(...group.commands.map((command) => command.name.length));
  return `Usage: orchestrator ${group.name} <command> [options]

${group.summary}

Commands:
${group.commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run \`orchestrator ${group.name} <command> --help\` for a command's options.
`;
}
