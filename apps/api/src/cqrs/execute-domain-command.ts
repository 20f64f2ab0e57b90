import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { handleCommand, type ClientInfo, type CommandResult, type CommandTarget } from '@orch/application';
import type { Command as DomainCommand } from '@orch/kernel';
import { COMMAND_DEPS } from '../infrastructure/tokens';
import type { ApiCommandDeps } from './execute-session-command';

/**
 * The command bus message for every aggregate command: the decider and stream to run it against,
 * the command with its audit metadata, and the caller's client info.
 */
export class ExecuteDomainCommand<C extends DomainCommand = DomainCommand> extends Command<CommandResult> {
  constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    readonly target: CommandTarget<C, any, any>,
    readonly command: C,
    readonly client?: ClientInfo,
  ) {
    super();
  }
}

/** load → decide → append, through the application core; Nest only routes the message here. */
@CommandHandler(ExecuteDomainCommand)
export class ExecuteDomainCommandHandler implements ICommandHandler<ExecuteDomainCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: ApiCommandDeps) {}

  execute(message: ExecuteDomainCommand): Promise<CommandResult> {
    return handleCommand(this.deps, message.target, message.command, message.client);
  }
}
