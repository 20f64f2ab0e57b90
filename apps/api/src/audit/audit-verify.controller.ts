import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import type { EventStore } from '@orch/application';
import { verifyStoredChain, type ChainReport } from '@orch/event-store';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { Roles } from '../auth/roles.decorator';
import { EVENT_STORE } from '../infrastructure/tokens';
import { VerifyChainDto } from './verify-chain.dto';

/**
 * Tamper evidence (DESIGN.md §7): recomputes the per-stream hash chain over the caller's tenant log
 * (or one stream of it) straight from the event store, page by page, and names the first broken link.
 * It reads the store, not a read model, so a row changed behind the api's back is what it finds.
 */
@Controller('audit')
@Roles('admin', 'auditor')
export class AuditVerifyController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('verify')
  verify(@Query() params: VerifyChainDto, @Req() request: AuthenticatedRequest): Promise<ChainReport> {
    return verifyStoredChain(this.store, {
      tenantId: request.principal.tenantId,
      ...(params.stream === undefined ? {} : { streamName: params.stream }),
    });
  }
}
