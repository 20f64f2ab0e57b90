import { Controller, Get, Req } from '@nestjs/common';
import type { WhoAmI } from '@orch/contracts';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { READERS, Roles } from '../auth/roles.decorator';

/** What the caller's key is: the dashboard follows its role (an auditor sees no command buttons). */
@Controller('whoami')
@Roles(...READERS)
export class WhoAmIController {
  @Get()
  whoami(@Req() request: AuthenticatedRequest): WhoAmI {
    const { apiKeyId, tenantId, role, agentId } = request.principal;
    return { apiKeyId, tenantId, role, agentId: agentId ?? null };
  }
}
