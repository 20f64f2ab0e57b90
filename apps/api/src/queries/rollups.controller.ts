import { Controller, Get, NotFoundException, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { RollupList, RollupView } from '@orch/contracts';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { READERS, Roles } from '../auth/roles.decorator';
import { ValidationProblem } from '../http/problem-details.filter';
import { RollupDto, TopRollupsDto } from './dto/rollup-queries.dto';
import { ReadModelQuery } from './read-model.query';

/**
 * Metric roll-ups per session, agent and tenant. Not under `/metrics`: that path is the
 * Prometheus endpoint (DESIGN.md §6).
 */
@Controller('rollups')
@Roles(...READERS)
export class RollupsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  rollup(@Query() params: RollupDto, @Req() request: AuthenticatedRequest): Promise<RollupView> {
    const { tenantId } = request.principal;
    if (params.scope !== 'tenant' && params.id === undefined) {
      throw new ValidationProblem([{ field: 'id', rule: 'required', message: `id is required for scope ${params.scope}` }]);
    }
    const id = params.id ?? tenantId;
    // A tenant sees only its own roll-up; any other tenant's id is simply unknown here.
    if (params.scope === 'tenant' && id !== tenantId) throw new NotFoundException(`tenant ${id} not found`);
    const notFound = { code: params.scope === 'agent' ? ('AGENT.NOT_FOUND' as const) : ('SESSION.NOT_FOUND' as const), id };
    return this.queryBus.execute(new ReadModelQuery('rollups', params.minPosition, (q) => q.rollups.of(tenantId, params.scope, id), notFound));
  }

  @Get('top')
  top(@Query() params: TopRollupsDto, @Req() request: AuthenticatedRequest): Promise<RollupList> {
    const { tenantId } = request.principal;
    return this.queryBus.execute(new ReadModelQuery('rollups', params.minPosition, (q) => q.rollups.top(tenantId, params.scope, params.limit ?? 10)));
  }
}
