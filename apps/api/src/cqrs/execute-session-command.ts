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
import { EVENT_STORE, FLEET_QUERIES, IDS, STREAM_CACHE, STREAM_QUEUE } from '../infrastructure/tokens';

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

interface Deps {
  readonly store: EventStore;
  readonly ids: Ids;
  readonly fleet: FleetQueries;
  readonly streamQueue: StreamQueue;
  readonly streams: StreamCache;
  readonly readFirst: true;
}

@CommandHandler(ExecuteSessionCommand)
export class ExecuteSessionCommandHandler implements ICommandHandler<ExecuteSessionCommand> {
  private readonly deps: Deps;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(IDS) ids: Ids,
    @Inject(FLEET_QUERIES) fleet: FleetQueries,
    @Inject(STREAM_QUEUE) streamQueue: StreamQueue,
    @Inject(STREAM_CACHE) streams: StreamCache,
  ) {
    this.deps = { store, ids, fleet, streamQueue, streams, readFirst: true };
  }

  execute(message: ExecuteSessionCommand): Promise<CommandResult> {
    return executeSessionCommand(this.deps, message.command, message.client);
  }
}

@CommandHandler(ExecuteAgentCommand)
export class ExecuteAgentCommandHandler implements ICommandHandler<ExecuteAgentCommand> {
  private readonly deps: Deps;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(IDS) ids: Ids,
    @Inject(FLEET_QUERIES) fleet: FleetQueries,
    @Inject(STREAM_QUEUE) streamQueue: StreamQueue,
    @Inject(STREAM_CACHE) streams: StreamCache,
  ) {
    this.deps = { store, ids, fleet, streamQueue, streams, readFirst: true };
  }

  execute(message: ExecuteAgentCommand): Promise<CommandResult> {
    return executeAgentCommand(this.deps, message.command, message.client);
  }
}
