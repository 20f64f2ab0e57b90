import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { DomainError } from '@orch/kernel';
import { CommandBus } from '@nestjs/cqrs';
import { loadAggregate, type Clock, type CommandResult, type EventStore, type Ids, type TaskDiff, type Workspaces } from '@orch/application';
import { sessionDecider } from '@orch/domain-session';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { COMMANDERS, READERS, Roles } from '../auth/roles.decorator';
import { ExecuteSessionCommand } from '../cqrs/execute-session-command';
import { commandContext } from '../http/command-context';
import { CLOCK, EVENT_STORE, IDS, WORKSPACES } from '../infrastructure/tokens';
import { PermissionAnswerDto } from './session-action.dto';
import { TaskIdPipe } from './task-id.pipe';

/** Runtime request ids (`per_…`, `permission-1`, uuids): printable, bounded. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** An agent's permission requests answered by operators, and the diff a task's work made (DESIGN.md §6). */
@Controller('sessions/:id/tasks/:taskId')
export class TaskPermissionsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(IDS) private readonly ids: Ids,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORKSPACES) private readonly workspaces: Workspaces,
  ) {}

  /** The answer is recorded (TaskPermissionAnswered, audited with the reason); the engine hands it to the run. */
  @Post('permissions/:requestId')
  @HttpCode(200)
  @Roles(...COMMANDERS)
  answer(
    @Param('id', ParseUUIDPipe) sessionId: string,
    @Param('taskId', TaskIdPipe) taskId: string,
    @Param('requestId') requestId: string,
    @Body() body: PermissionAnswerDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<CommandResult> {
    if (!REQUEST_ID.test(requestId)) throw new BadRequestException(`requestId "${requestId.slice(0, 140)}" is not a permission request id`);
    const { metadata, client } = commandContext(request, this.ids, this.clock, body.reason);
    const command = { type: 'AnswerTaskPermission' as const, data: { sessionId, taskId, requestId, answer: body.answer }, metadata };
    return this.commandBus.execute(new ExecuteSessionCommand(command, client));
  }

  /** The unified diff of the task's latest finished attempt, against the result branch it started from. */
  @Get('diff')
  @Roles(...READERS)
  async diff(@Param('id', ParseUUIDPipe) sessionId: string, @Param('taskId', TaskIdPipe) taskId: string, @Req() request: AuthenticatedRequest): Promise<TaskDiff> {
    const { tenantId } = request.principal;
    const loaded = await loadAggregate(this.store, `session-${sessionId}`, sessionDecider);
    const session = loaded.state;
    if (session.status === 'absent' || session.tenantId !== tenantId) throw new DomainError('SESSION.NOT_FOUND', `session ${sessionId} not found`, { sessionId });
    if (session.tasks[taskId] === undefined) throw new DomainError('TASK.NOT_FOUND', `task ${taskId} not found`, { taskId });
    const diff = await this.workspaces.taskDiff({ tenantId, sessionId, taskId });
    if (diff === null) throw new DomainError('TASK.NOT_FOUND', `task ${taskId} has no finished work yet`, { taskId, diff: null });
    return diff;
  }
}
