import { Controller, Get, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { AuditEntry, EventLogEntry, PositionPage } from '@orch/contracts';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { READERS, Roles } from '../auth/roles.decorator';
import { AuditDto, EventLogDto } from './dto/log-queries.dto';
import { ReadModelQuery } from './read-model.query';

/** The event log for auditors and the operator audit trail (DESIGN.md §6), the caller's tenant only. */
@Controller()
@Roles(...READERS)
export class LogQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('events')
  events(@Query() params: EventLogDto, @Req() request: AuthenticatedRequest): Promise<PositionPage<EventLogEntry>> {
    const { tenantId } = request.principal;
    return this.queryBus.execute(new ReadModelQuery('events', params.minPosition, (q) => q.log.events(tenantId, params)));
  }

  @Get('audit')
  audit(@Query() params: AuditDto, @Req() request: AuthenticatedRequest): Promise<PositionPage<AuditEntry>> {
    const { tenantId } = request.principal;
    return this.queryBus.execute(new ReadModelQuery('audit', params.minPosition, (q) => q.log.audit(tenantId, params)));
  }
}
