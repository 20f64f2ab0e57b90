import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { handleCommand, type ClientInfo, type CommandResult, type CommandTarget, type EventStore, type Ids, type StreamCache, type StreamQueue } from '@orch/application';
import type { Command as DomainCommand } from '@orch/kernel';
import { EVENT_STORE, IDS, STREAM_CACHE, STREAM_QUEUE } from '../infrastructure/tokens';

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
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDS) private readonly ids: Ids,
    @Inject(STREAM_QUEUE) private readonly streamQueue: StreamQueue,
    @Inject(STREAM_CACHE) private readonly streams: StreamCache,
  ) {}

  execute(message: ExecuteDomainCommand): Promise<CommandResult> {
    return handleCommand({ store: this.store, ids: this.ids, streamQueue: this.streamQueue, streams: this.streams, readFirst: true }, message.target, message.command, message.client);
  }
}
