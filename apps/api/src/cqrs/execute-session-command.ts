import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  executeAgentCommand,
  executeSessionCommand,
  type ClientInfo,
  type CommandResult,
  type EventStore,
  type FleetQueries,
  type Ids,
  type StreamCache,
  type StreamQueue,
} from '@orch/application';
import type { AgentCommand } from '@orch/domain-agent';
import type { SessionCommand } from '@orch/domain-session';
import { COMMAND_DEPS } from '../infrastructure/tokens';

export class ExecuteSessionCommand extends Command<CommandResult> {
  constructor(
    readonly command: SessionCommand,
    readonly client: ClientInfo,
  ) {
    super();
  }
}

export class ExecuteAgentCommand extends Command<CommandResult> {
  constructor(
    readonly command: AgentCommand,
    readonly client: ClientInfo,
  ) {
    super();
  }
}

/** What the api's command handlers run with: one per process (see COMMAND_DEPS in app.module.ts). */
export interface ApiCommandDeps {
  readonly store: EventStore;
  readonly ids: Ids;
  readonly fleet: FleetQueries;
  readonly streamQueue: StreamQueue;
  readonly streams: StreamCache;
  /**
   * A command with the caller's Idempotency-Key reads its stream forward before deciding (a repeat
   * through another instance is answered as one); any other decides on the cached summary, and its
   * append's expected revision checks it.
   */
  readonly readFirst: 'repeatable';
}

@CommandHandler(ExecuteSessionCommand)
export class ExecuteSessionCommandHandler implements ICommandHandler<ExecuteSessionCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: ApiCommandDeps) {}

  execute(message: ExecuteSessionCommand): Promise<CommandResult> {
    return executeSessionCommand(this.deps, message.command, message.client);
  }
}

@CommandHandler(ExecuteAgentCommand)
export class ExecuteAgentCommandHandler implements ICommandHandler<ExecuteAgentCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: ApiCommandDeps) {}

  execute(message: ExecuteAgentCommand): Promise<CommandResult> {
    return executeAgentCommand(this.deps, message.command, message.client);
  }
}
