import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ContextDiffView, ContextVersionSummary, ContextVersionView, ContextView, CursorPage } from '@orch/contracts';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { READERS, Roles } from '../auth/roles.decorator';
import { LowercaseUuidPipe } from '../contexts/lowercase-uuid.pipe';
import { ContextDiffDto, ContextVersionsDto } from './dto/context-queries.dto';
import { ConsistencyDto } from './dto/read-your-writes.dto';
import { ReadModelQuery } from './read-model.query';
import { VersionPipe } from './version.pipe';

/** Context documents, their versions and diffs (DESIGN.md §6). */
@Controller('contexts')
@Roles(...READERS)
export class ContextQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  document(@Param('id', LowercaseUuidPipe) id: string, @Query() params: ConsistencyDto, @Req() request: AuthenticatedRequest): Promise<ContextView> {
    return this.ask(id, params, (q, tenantId) => q.contexts.document(tenantId, id), request);
  }

  @Get(':id/versions')
  versions(
    @Param('id', LowercaseUuidPipe) id: string,
    @Query() params: ContextVersionsDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<CursorPage<ContextVersionSummary>> {
    return this.ask(id, params, (q, tenantId) => q.contexts.versions(tenantId, id, params), request);
  }

  @Get(':id/versions/:version')
  version(
    @Param('id', LowercaseUuidPipe) id: string,
    @Param('version', VersionPipe) version: number,
    @Query() params: ConsistencyDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<ContextVersionView> {
    return this.ask(id, params, (q, tenantId) => q.contexts.version(tenantId, id, version), request);
  }

  @Get(':id/diff')
  diff(@Param('id', LowercaseUuidPipe) id: string, @Query() params: ContextDiffDto, @Req() request: AuthenticatedRequest): Promise<ContextDiffView> {
    return this.ask(id, params, (q, tenantId) => q.contexts.diff(tenantId, id, params.from, params.to), request);
  }

  private ask<T>(
    contextId: string,
    params: ConsistencyDto,
    run: (q: Parameters<ReadModelQuery<T>['run']>[0], tenantId: string) => Promise<T | undefined>,
    request: AuthenticatedRequest,
  ): Promise<T> {
    const { tenantId } = request.principal;
    return this.queryBus.execute(new ReadModelQuery<T>('contexts', params.minPosition, (q) => run(q, tenantId), { code: 'CONTEXT.NOT_FOUND', id: contextId }));
  }
}
