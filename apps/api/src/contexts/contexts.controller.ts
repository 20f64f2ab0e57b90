import { Body, Controller, HttpCode, Inject, Param, Patch, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  authorizeAgentContextAccess,
  createContext,
  mergeContexts,
  promoteContext,
  shareContext,
  writeContext,
  type Clock,
  type CommandExecutor,
  type CommandResult,
  type ContextUseCaseDeps,
  type EventStore,
  type Ids,
} from '@orch/application';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { COMMANDERS, Roles } from '../auth/roles.decorator';
import { ExecuteDomainCommand } from '../cqrs/execute-domain-command';
import { commandContext } from '../http/command-context';
import { CLOCK, EVENT_STORE, IDS } from '../infrastructure/tokens';
import { MergeContextsDto, PromoteContextDto, ShareContextDto } from './context-actions.dto';
import { createRequest, mergeRequest, writeData } from './context-requests';
import { CreateContextDto } from './create-context.dto';
import { LowercaseUuidPipe } from './lowercase-uuid.pipe';
import { WriteContextDto } from './write-context.dto';

/**
 * The context commands of DESIGN.md §6, in the caller's tenant. HTTP ↔ use case only: the facts the
 * Context decider needs and the two-stream share/promote live in the application core.
 */
@Controller('contexts')
@Roles(...COMMANDERS)
export class ContextsController {
  private readonly deps: ContextUseCaseDeps;

  constructor(
    commandBus: CommandBus,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(IDS) private readonly ids: Ids,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const execute: CommandExecutor = (target, command, client) => commandBus.execute(new ExecuteDomainCommand(target, command, client));
    this.deps = { store, ids, execute };
  }

  @Post()
  create(@Body() body: CreateContextDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    const { metadata, client } = commandContext(request, this.ids, this.clock);
    return createContext(this.deps, createRequest(body, request.principal.role), metadata, client);
  }

  @Post('merge')
  @HttpCode(200)
  merge(@Body() body: MergeContextsDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    const { metadata, client } = commandContext(request, this.ids, this.clock);
    return mergeContexts(this.deps, mergeRequest(body), metadata, client);
  }

  /** Agents write what they learn here too, with their own key, for an attempt they are running. */
  @Patch(':id')
  @HttpCode(200)
  @Roles(...COMMANDERS, 'agent')
  async write(
    @Param('id', LowercaseUuidPipe) id: string,
    @Body() body: WriteContextDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<CommandResult> {
    const { metadata, client } = commandContext(request, this.ids, this.clock);
    const data = writeData(id, body);
    const { principal } = request;
    if (principal.role === 'agent') {
      const agentId = principal.agentId ?? '';
      await authorizeAgentContextAccess(this.deps.store, { tenantId: principal.tenantId, agentId, contextId: id, ...(data.source ? { source: data.source } : {}) });
    }
    return writeContext(this.deps, data, metadata, client);
  }

  /** Answers the new context's id; `position` is that of the source's ContextShared, the command's last event. */
  @Post(':id/share')
  @HttpCode(200)
  share(
    @Param('id', LowercaseUuidPipe) id: string,
    @Body() body: ShareContextDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<CommandResult> {
    const { metadata, client } = commandContext(request, this.ids, this.clock);
    return shareContext(this.deps, { contextId: id, targetSessionId: body.targetSessionId }, metadata, client);
  }

  @Post(':id/promote')
  @HttpCode(200)
  promote(
    @Param('id', LowercaseUuidPipe) id: string,
    @Body() _body: PromoteContextDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<CommandResult> {
    const { metadata, client } = commandContext(request, this.ids, this.clock);
    return promoteContext(this.deps, { contextId: id }, metadata, client);
  }
}
