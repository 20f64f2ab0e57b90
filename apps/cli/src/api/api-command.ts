import { OrchClient } from '@orch/client';
import { type FlagSpec, type ParsedArgs } from '../args';
import { EXIT } from '../cli-error';
import { type CliIo, type Command, logTo } from '../command';
import { describeFailure } from './api-failure';
import { resolveApiTarget, type ApiTarget } from './api-target';
import { API_FLAGS, API_OPTIONS_HELP } from './options';

export interface ApiCommandContext {
  readonly args: ParsedArgs;
  readonly io: CliIo;
  readonly client: OrchClient;
  readonly target: ApiTarget;
  /** `--json` was given. */
  readonly json: boolean;
  /** A line on stderr. */
  readonly log: (line: string) => void;
  /** Writes the answer: as JSON with `--json`, else the human lines. */
  readonly print: (value: unknown, human: () => readonly string[]) => void;
}

export interface ApiCommandSpec {
  readonly name: string;
  readonly summary: string;
  /** The help text without the common options (appended). */
  readonly help: string;
  readonly flags?: readonly FlagSpec[];
  /** Checks the arguments before anything is sent; throws UsageError. Resolves to the exit code. */
  run(context: ApiCommandContext): Promise<number>;
}

/** A command that talks to the api through @orch/client, with the common options and error reporting. */
export function apiCommand(spec: ApiCommandSpec): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    help: `${spec.help.trimEnd()}\n\n${API_OPTIONS_HELP}`,
    flags: [...(spec.flags ?? []), ...API_FLAGS],
    async run(args, { io, env }) {
      const target = resolveApiTarget(args, env);
      const client = new OrchClient({ baseUrl: target.url, apiKey: target.key });
      const json = args.flags.get('json') === true;
      const print = (value: unknown, human: () => readonly string[]) => io.stdout.write(`${json ? JSON.stringify(value, null, 2) : human().join('\n')}\n`);
      try {
        return await spec.run({ args, io, client, target, json, log: logTo(io), print });
      } catch (error) {
        const failure = describeFailure(error, target);
        if (!failure) throw error;
        io.stderr.write(`${failure.lines.join('\n')}\n`);
        return failure.exitCode;
      }
    },
  };
}

/** `id  revision  position` of a command's answer. */
export function answerLines(what: string, answer: { id: string; revision: number; position: number | null }): string[] {
  return [`${what}: ${answer.id} (revision ${answer.revision}, position ${answer.position ?? '-'})`];
}

export { EXIT };
