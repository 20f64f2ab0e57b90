import { type FlagSpec, type ParsedArgs } from './args';
import { type CliConfig } from './config';

/** Where a command writes: results on stdout, progress and diagnostics on stderr. */
export interface CliIo {
  readonly stdout: { write(text: string): void };
  readonly stderr: { write(text: string): void; readonly isTTY: boolean; readonly columns?: number };
}

export interface CommandContext {
  readonly io: CliIo;
  /** Read on first use, so argument mistakes are reported before configuration ones. */
  readonly config: () => CliConfig;
  /** The process environment (ORCH_API_URL, ORCH_API_KEY, …). */
  readonly env: NodeJS.ProcessEnv;
}

/** One leaf command (`projections status`): its flags, its help text, and what it does. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  readonly flags: readonly FlagSpec[];
  /** Resolves to the exit code. */
  run(args: ParsedArgs, context: CommandContext): Promise<number>;
}

/** A group of commands (`projections`). */
export interface CommandGroup {
  readonly name: string;
  readonly summary: string;
  readonly commands: readonly Command[];
}

/** stderr line writer shared by the commands. */
export const logTo =
  (io: CliIo) =>
  (line: string): void =>
    io.stderr.write(`${line}\n`);
