import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Clock, CommandResult, Ids } from '@orch/application';
import type { SessionCommand } from '@orch/domain-session';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { COMMANDERS, Roles } from '../auth/roles.decorator';
import { ExecuteSessionCommand } from '../cqrs/execute-session-command';
import { commandContext } from '../http/command-context';
import { CLOCK, IDS } from '../infrastructure/tokens';
import { TaskIdPipe } from './task-id.pipe';
import { ReasonDto, ReassignTaskDto } from './session-action.dto';

/** Operator task commands (DESIGN.md §6): retry, skip, reassign. */
@Controller('sessions/:id/tasks/:taskId')
@Roles(...COMMANDERS)
export class TasksController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(IDS) private readonly ids: Ids,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('retry')
  @HttpCode(200)
  retry(@Param('id', ParseUUIDPipe) sessionId: string, @Param('taskId', TaskIdPipe) taskId: string, @Body() body: ReasonDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    return this.send(request, body.reason, (metadata) => ({ type: 'RetryTask', data: { sessionId, taskId }, metadata }));
  }

  @Post('skip')
  @HttpCode(200)
  skip(@Param('id', ParseUUIDPipe) sessionId: string, @Param('taskId', TaskIdPipe) taskId: string, @Body() body: ReasonDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    return this.send(request, body.reason, (metadata) => ({ type: 'SkipTask', data: { sessionId, taskId }, metadata }));
  }

  @Post('reassign')
  @HttpCode(200)
  reassign(
    @Param('id', ParseUUIDPipe) sessionId: string,
    @Param('taskId', TaskIdPipe) taskId: string,
    @Body() body: ReassignTaskDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<CommandResult> {
    const agent = body.agentId === undefined ? {} : { agentId: body.agentId };
    return this.send(request, body.reason, (metadata) => ({ type: 'ReassignTask', data: { sessionId, taskId, ...agent }, metadata }));
  }

  private send(request: AuthenticatedRequest, reason: string, build: (metadata: SessionCommand['metadata']) => SessionCommand): Promise<CommandResult> {
    const { metadata, client } = commandContext(request, this.ids, this.clock, reason);
    return this.commandBus.execute(new ExecuteSessionCommand(build(metadata), client));
  }
}
