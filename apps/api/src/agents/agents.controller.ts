import { Body, Controller, Delete, ForbiddenException, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Clock, CommandResult, Heartbeats, Ids } from '@orch/application';
import type { AgentCommand, RegisterAgentData, UpdateAgentData } from '@orch/domain-agent';
import { AgentEndpoint } from '../auth/agent-endpoint.decorator';
import type { AgentTokenDirectory } from '../auth/agent-token-directory';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { hashKey } from '../auth/key-secret';
import { COMMANDERS, Roles } from '../auth/roles.decorator';
import { ExecuteAgentCommand } from '../cqrs/execute-session-command';
import { commandContext } from '../http/command-context';
import { AGENT_SIGNING, AGENT_TOKEN_DIRECTORY, CLOCK, HEARTBEATS, IDS } from '../infrastructure/tokens';
import { ReasonDto } from '../sessions/session-action.dto';
import { RegisterAgentDto, UpdateAgentDto } from './agent.dto';
import { newAgentToken, type AgentSigning } from './agent-token';

/** An http agent's credentials, in the answer of its registration or rotation only. */
type Credentials = { token?: string; signingSecret?: string };

/** Agent registry commands (DESIGN.md §6). */
@Controller('agents')
@Roles(...COMMANDERS)
export class AgentsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(IDS) private readonly ids: Ids,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(HEARTBEATS) private readonly heartbeats: Heartbeats,
    @Inject(AGENT_SIGNING) private readonly signing: AgentSigning,
    @Inject(AGENT_TOKEN_DIRECTORY) private readonly agentTokens: AgentTokenDirectory,
  ) {}

  /**
   * An http agent's token is in this answer only; its sha256 is what the registry keeps. With it
   * comes the secret pushed tasks are signed with (External Agent Protocol), derived, never stored.
   */
  @Post()
  async register(@Body() body: RegisterAgentDto, @Req() request: AuthenticatedRequest): Promise<CommandResult & Credentials> {
    const { metadata, client } = commandContext(request, this.ids, this.clock);
    const agentId = body.agentId ?? this.ids.derive(`agent/${metadata.commandId}`);
    const token = body.runtime.kind === 'http' ? newAgentToken(agentId) : undefined;
    const runtime = token === undefined ? body.runtime : { kind: body.runtime.kind, config: { ...body.runtime.config, tokenHash: hashKey(token) } };
    const data: RegisterAgentData = { ...body, agentId, runtime, nameTaken: false };
    const { replayed, ...result } = await this.send({ type: 'RegisterAgent', data, metadata }, client);
    return token === undefined || replayed ? result : { ...result, token, signingSecret: this.signing(agentId, hashKey(token)) };
  }

  @Patch(':id')
  @HttpCode(200)
  update(@Param('id', ParseUUIDPipe) agentId: string, @Body() body: UpdateAgentDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    const { metadata, client } = commandContext(request, this.ids, this.clock);
    return this.send({ type: 'UpdateAgent', data: { ...body, agentId } as UpdateAgentData, metadata }, client);
  }

  @Post(':id/drain')
  @HttpCode(200)
  drain(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    return this.simple('DrainAgent', id, body, request);
  }

  @Post(':id/enable')
  @HttpCode(200)
  enable(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    return this.simple('EnableAgent', id, body, request);
  }

  @Post(':id/disable')
  @HttpCode(200)
  disable(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    return this.simple('DisableAgent', id, body, request);
  }

  @Delete(':id')
  @HttpCode(200)
  deregister(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    return this.simple('DeregisterAgent', id, body, request);
  }

  /** A new token (and signing secret) for an http agent, returned once; the old ones stop working. */
  @Post(':id/rotate-token')
  @HttpCode(200)
  async rotateToken(@Param('id', ParseUUIDPipe) agentId: string, @Body() body: ReasonDto, @Req() request: AuthenticatedRequest): Promise<CommandResult & Credentials> {
    const { metadata, client } = commandContext(request, this.ids, this.clock, body.reason);
    const token = newAgentToken(agentId);
    const { replayed, ...result } = await this.send({ type: 'RotateAgentToken', data: { agentId, tokenHash: hashKey(token) }, metadata }, client);
    this.agentTokens.forget(agentId);
    return replayed ? result : { ...result, token, signingSecret: this.signing(agentId, hashKey(token)) };
  }

  /** Sets the 90 s liveness key; an offline agent comes back online through RecordAgentHeartbeat. */
  @Post(':id/heartbeat')
  @HttpCode(200)
  @Roles('admin', 'operator', 'agent')
  @AgentEndpoint()
  async heartbeat(@Param('id', ParseUUIDPipe) agentId: string, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    if (request.principal.role === 'agent' && request.principal.agentId !== agentId) {
      throw new ForbiddenException('An agent key may only beat for its own agent');
    }
    const { metadata, client } = commandContext(request, this.ids, this.clock);
    await this.heartbeats.beat(agentId, metadata.now);
    return this.send({ type: 'RecordAgentHeartbeat', data: { agentId }, metadata }, client);
  }

  private simple(type: 'DrainAgent' | 'EnableAgent' | 'DisableAgent' | 'DeregisterAgent', agentId: string, body: ReasonDto, request: AuthenticatedRequest) {
    const { metadata, client } = commandContext(request, this.ids, this.clock, body.reason);
    return this.send({ type, data: { agentId }, metadata }, client);
  }

  private send(command: AgentCommand, client: { ip?: string; userAgent?: string }): Promise<CommandResult> {
    return this.commandBus.execute(new ExecuteAgentCommand(command, client));
  }
}
