import type { Command } from '@orch/kernel';
import { handleCommand, type CommandResult, type CommandTarget, type HandleCommandDeps } from '../command-handling/handle-command';
import type { ClientInfo } from '../ports/event-store.port';

/** Runs one single-stream command: load → decide → append (the api routes it through its command bus). */
export type CommandExecutor = <C extends Command, E extends { type: string; data: object }, S>(
  target: CommandTarget<C, E, S>,
  command: C,
  client?: ClientInfo,
) => Promise<CommandResult>;

export interface ContextUseCaseDeps extends HandleCommandDeps {
  /** Default: `handleCommand` on these deps. */
  readonly execute?: CommandExecutor;
}

export function executorOf(deps: ContextUseCaseDeps): CommandExecutor {
  return deps.execute ?? ((target, command, client) => handleCommand(deps, target, command, client));
}
