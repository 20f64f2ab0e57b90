import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Clock, CommandResult, Ids } from '@orch/application';
import type { CreateSessionData, SessionCommand } from '@orch/domain-session';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { COMMANDERS, Roles } from '../auth/roles.decorator';
import { ExecuteSessionCommand } from '../cqrs/execute-session-command';
import { commandContext } from '../http/command-context';
import { CLOCK, IDS } from '../infrastructure/tokens';
import { CreateSessionDto } from './create-session.dto';
import { ChangeBudgetDto, InjectPromptDto, ReasonDto, ReplacePlanDto } from './session-action.dto';

type Action = 'start' | 'pause' | 'resume' | 'cancel' | 'stop' | 'retry' | 'force-complete';
const ACTION_COMMANDS = {
  start: 'StartSession',
  pause: 'PauseSession',
  resume: 'ResumeSession',
  cancel: 'CancelSession',
  stop: 'StopSession',
  retry: 'RetrySession',
  'force-complete': 'ForceCompleteSession',
} as const satisfies Record<Action, SessionCommand['type']>;

/** Session commands (DESIGN.md §6). Each answers `{ id, revision, position }`, never a read model. */
@Controller('sessions')
@Roles(...COMMANDERS)
export class SessionsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(IDS) private readonly ids: Ids,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  create(@Body() body: CreateSessionDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    const context = commandContext(request, this.ids, this.clock);
    const sessionId = body.sessionId ?? this.ids.derive(`session/${context.metadata.commandId}`);
    const data = { ...body, sessionId } as unknown as CreateSessionData;
    return this.send({ type: 'CreateSession', data, metadata: context.metadata }, context.client);
  }

  @Post(':id/start')
  @HttpCode(200)
  start(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    return this.act(id, 'start', body, request);
  }

  @Post(':id/pause')
  @HttpCode(200)
  pause(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    return this.act(id, 'pause', body, request);
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    return this.act(id, 'resume', body, request);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    return this.act(id, 'cancel', body, request);
  }

  @Post(':id/stop')
  @HttpCode(200)
  stop(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    return this.act(id, 'stop', body, request);
  }

  @Post(':id/retry')
  @HttpCode(200)
  retry(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    return this.act(id, 'retry', body, request);
  }

  @Post(':id/force-complete')
  @HttpCode(200)
  forceComplete(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    return this.act(id, 'force-complete', body, request);
  }

  private act(sessionId: string, action: Action, body: ReasonDto, request: AuthenticatedRequest): Promise<CommandResult> {
    const { metadata, client } = commandContext(request, this.ids, this.clock, body.reason);
    const type = ACTION_COMMANDS[action];
    // Capacity is a fact the application resolves from the fleet before deciding.
    const capacity = { occupied: 0, limit: 0, agentFree: false, uncovered: [] };
    const data = type === 'StartSession' || type === 'RetrySession' ? { sessionId, capacity } : { sessionId };
    return this.send({ type, data, metadata } as SessionCommand, client);
  }

  @Post(':id/inject-prompt')
  @HttpCode(200)
  inject(@Param('id', ParseUUIDPipe) sessionId: string, @Body() body: InjectPromptDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    const { metadata, client } = commandContext(request, this.ids, this.clock, body.reason);
    const injectionId = body.injectionId ?? this.ids.derive(`injection/${metadata.commandId}`);
    const data = { sessionId, injectionId, text: body.text, ...(body.taskId === undefined ? {} : { taskId: body.taskId }) };
    return this.send({ type: 'InjectPrompt', data, metadata }, client);
  }

  @Put(':id/plan')
  replacePlan(@Param('id', ParseUUIDPipe) sessionId: string, @Body() body: ReplacePlanDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    const { metadata, client } = commandContext(request, this.ids, this.clock, body.reason);
    return this.send({ type: 'ReplacePlan', data: { sessionId, tasks: body.tasks as never }, metadata }, client);
  }

  @Put(':id/budget')
  changeBudget(@Param('id', ParseUUIDPipe) sessionId: string, @Body() body: ChangeBudgetDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    const { metadata, client } = commandContext(request, this.ids, this.clock, body.reason);
    return this.send({ type: 'ChangeSessionBudget', data: { sessionId, budgetUsd: body.budgetUsd }, metadata }, client);
  }

  private send(command: SessionCommand, client: { ip?: string; userAgent?: string }): Promise<CommandResult> {
    return this.commandBus.execute(new ExecuteSessionCommand(command, client));
  }
}
