import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { AgentDetail, AgentSummary, CursorPage } from '@orch/contracts';
import type { Heartbeats } from '@orch/application';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { READERS, Roles } from '../auth/roles.decorator';
import { LowercaseUuidPipe } from '../contexts/lowercase-uuid.pipe';
import { HEARTBEATS } from '../infrastructure/tokens';
import { AgentListDto } from './dto/agent-queries.dto';
import { ConsistencyDto } from './dto/read-your-writes.dto';
import { ReadModelQuery } from './read-model.query';

/** Agent queries (DESIGN.md §6); the detail adds the live heartbeat, which is not an event. */
@Controller('agents')
@Roles(...READERS)
export class AgentQueriesController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(HEARTBEATS) private readonly heartbeats: Heartbeats,
  ) {}

  @Get()
  list(@Query() params: AgentListDto, @Req() request: AuthenticatedRequest): Promise<CursorPage<AgentSummary>> {
    const { tenantId } = request.principal;
    return this.queryBus.execute(new ReadModelQuery('agents', params.minPosition, (q) => q.agents.list(tenantId, params)));
  }

  @Get(':id')
  detail(@Param('id', LowercaseUuidPipe) id: string, @Query() params: ConsistencyDto, @Req() request: AuthenticatedRequest): Promise<AgentDetail> {
    const { tenantId } = request.principal;
    const run = async (q: Parameters<ReadModelQuery<AgentDetail>['run']>[0]) => q.agents.detail(tenantId, id, (await this.heartbeats.lastSeen(id)) ?? null);
    return this.queryBus.execute(new ReadModelQuery('agents', params.minPosition, run, { code: 'AGENT.NOT_FOUND', id }));
  }
}
