import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { CheckpointView, CursorPage, PositionPage, SessionDetail, SessionSummary, TaskOutputEntry, TaskView, TimelineEntry } from '@orch/contracts';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { READERS, Roles } from '../auth/roles.decorator';
import { LowercaseUuidPipe } from '../contexts/lowercase-uuid.pipe';
import { TaskIdPipe } from '../sessions/task-id.pipe';
import { ConsistencyDto } from './dto/read-your-writes.dto';
import { SessionListDto, TaskOutputDto, TimelineDto } from './dto/session-queries.dto';
import { ReadModelQuery } from './read-model.query';

/** Session queries (DESIGN.md §6), in the caller's tenant; another tenant's session is 404. */
@Controller('sessions')
@Roles(...READERS)
export class SessionQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  list(@Query() params: SessionListDto, @Req() request: AuthenticatedRequest): Promise<CursorPage<SessionSummary>> {
    const { tenantId } = request.principal;
    return this.queryBus.execute(new ReadModelQuery('sessions', params.minPosition, (q) => q.sessions.list(tenantId, params)));
  }

  @Get(':id')
  detail(@Param('id', LowercaseUuidPipe) id: string, @Query() params: ConsistencyDto, @Req() request: AuthenticatedRequest): Promise<SessionDetail> {
    return this.ask(id, params, (q, tenantId) => q.sessions.detail(tenantId, id), request);
  }

  @Get(':id/tasks')
  tasks(@Param('id', LowercaseUuidPipe) id: string, @Query() params: ConsistencyDto, @Req() request: AuthenticatedRequest): Promise<readonly TaskView[]> {
    return this.ask(id, params, (q, tenantId) => q.sessions.tasks(tenantId, id), request);
  }

  @Get(':id/timeline')
  timeline(@Param('id', LowercaseUuidPipe) id: string, @Query() params: TimelineDto, @Req() request: AuthenticatedRequest): Promise<PositionPage<TimelineEntry>> {
    return this.ask(id, params, (q, tenantId) => q.sessions.timeline(tenantId, id, params), request);
  }

  @Get(':id/checkpoints')
  checkpoints(@Param('id', LowercaseUuidPipe) id: string, @Query() params: ConsistencyDto, @Req() request: AuthenticatedRequest): Promise<readonly CheckpointView[]> {
    return this.ask(id, params, (q, tenantId) => q.sessions.checkpoints(tenantId, id), request);
  }

  /** The task's TaskProgressed events from the session's output stream, paged by its revision. */
  @Get(':id/tasks/:taskId/output')
  output(
    @Param('id', LowercaseUuidPipe) id: string,
    @Param('taskId', TaskIdPipe) taskId: string,
    @Query() params: TaskOutputDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<PositionPage<TaskOutputEntry>> {
    return this.ask(id, params, (q, tenantId) => q.sessions.taskOutput(tenantId, id, taskId, params), request);
  }

  private ask<T>(
    sessionId: string,
    params: ConsistencyDto,
    run: (q: Parameters<ReadModelQuery<T>['run']>[0], tenantId: string) => Promise<T | undefined>,
    request: AuthenticatedRequest,
  ): Promise<T> {
    const { tenantId } = request.principal;
    return this.queryBus.execute(new ReadModelQuery<T>('sessions', params.minPosition, (q) => run(q, tenantId), { code: 'SESSION.NOT_FOUND', id: sessionId }));
  }
}
