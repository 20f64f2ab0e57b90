import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Clock } from '@orch/application';
import type { ApiKeyRole } from '@orch/domain-access';
import type { Request } from 'express';
import { AGENT_TOKEN_DIRECTORY, API_KEY_DIRECTORY, CLOCK } from '../infrastructure/tokens';
import { AGENT_ENDPOINT_KEY } from './agent-endpoint.decorator';
import { AgentTokenDirectory } from './agent-token-directory';
import type { ApiKeyDirectory } from './api-key-directory';
import type { Principal } from './principal';
import { PUBLIC_KEY } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';

export type AuthenticatedRequest = Request & { principal: Principal };

/**
 * Every route needs a valid key and one of the roles it declares; a route declaring none is closed.
 * An http agent's registration token (`orch_agent_…`) acts as role `agent` for that agent, on the
 * routes marked @AgentEndpoint only.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEY_DIRECTORY) private readonly directory: ApiKeyDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AGENT_TOKEN_DIRECTORY) private readonly agentTokens: AgentTokenDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const secret = /^Bearer (\S{1,200})$/.exec(request.headers.authorization ?? '')?.[1];
    if (!secret) throw new UnauthorizedException('An API key is required: Authorization: Bearer <key>');
    const principal = AgentTokenDirectory.isAgentToken(secret) ? await this.agentTokens.find(secret) : await this.directory.find(secret, this.clock.now());
    if (!principal) throw new UnauthorizedException('The API key is unknown, revoked or expired');
    if (principal.credential === 'agent_token' && !this.reflector.getAllAndOverride<boolean>(AGENT_ENDPOINT_KEY, targets)) {
      throw new ForbiddenException('An agent token may call only the agent endpoints (heartbeat, tasks/next, progress, result)');
    }
    const roles = this.reflector.getAllAndOverride<ApiKeyRole[]>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(principal.role)) {
      throw new ForbiddenException(`Role ${principal.role} may not call this endpoint`);
    }
    request.principal = principal;
    return true;
  }
}
