import { BadRequestException, Controller, Get, Param, ParseUUIDPipe, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { SessionStateAt } from '@orch/application';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { READERS, Roles } from '../auth/roles.decorator';
import { GetSessionStateAt } from './session-state.query';

@Controller('sessions')
@Roles(...READERS)
export class SessionStateController {
  constructor(private readonly queryBus: QueryBus) {}

  /** The session, its tasks and its primary context as of the event at revision `at` (replay). */
  @Get(':id/state')
  state(@Param('id', ParseUUIDPipe) sessionId: string, @Query('at') at: string | undefined, @Req() request: AuthenticatedRequest): Promise<SessionStateAt> {
    return this.queryBus.execute(new GetSessionStateAt(request.principal.tenantId, sessionId, parseRevision(at)));
  }
}

function parseRevision(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,15}$/.test(raw)) throw new BadRequestException('at must be a stream revision (a non-negative integer)');
  return Number(raw);
}
