import { Body, Controller, ForbiddenException, Get, HttpCode, Inject, Logger, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { AgentProtocol, ProgressAnswer, ProtocolAgent, ResultReport, TaskAssignment } from '@orch/agent-runtime-http';
import type { RunOutcome } from '@orch/application';
import type { Response } from 'express';
import { AgentEndpoint } from '../auth/agent-endpoint.decorator';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { Roles } from '../auth/roles.decorator';
import { AGENT_PROTOCOL } from './agent-protocol.tokens';
import { NextTaskQueryDto, ProgressDto, ResultDto } from './agent-protocol.dto';
import { RunIdPipe } from './run-id.pipe';

/**
 * The External Agent Protocol's agent endpoints (docs/external-agent-protocol.md): an http agent,
 * with its registration token, takes its next task (pull mode) and reports the progress and result
 * of its runs. Only the agent itself may call them (the token names it; any other agent is refused).
 */
@Controller('agents/:id')
@Roles('agent')
@AgentEndpoint()
export class AgentProtocolController {
  private readonly log = new Logger('AgentProtocol');

  constructor(@Inject(AGENT_PROTOCOL) private readonly protocol: AgentProtocol) {}

  /** Long poll: one assignment (200), or 204 when none came within `waitMs`. */
  @Get('tasks/next')
  async next(
    @Param('id', ParseUUIDPipe) agentId: string,
    @Query() query: NextTaskQueryDto,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TaskAssignment | undefined> {
    const task = await this.protocol.nextTask(agentOf(request, agentId), query.waitMs ?? 0);
    if (task === undefined) response.status(204);
    else this.log.log(`agent ${agentId} took run ${task.runId} (session ${task.sessionId}, task ${task.taskId})`);
    return task;
  }

  @Post('runs/:runId/progress')
  @HttpCode(200)
  progress(@Param('id', ParseUUIDPipe) agentId: string, @Param('runId', RunIdPipe) runId: string, @Body() body: ProgressDto, @Req() request: AuthenticatedRequest): Promise<ProgressAnswer> {
    return this.protocol.progress(agentOf(request, agentId), runId, body);
  }

  /** The run's end: its outcome becomes TaskCompleted/TaskFailed through the engine; who reported it is kept with it. */
  @Post('runs/:runId/result')
  @HttpCode(200)
  async result(
    @Param('id', ParseUUIDPipe) agentId: string,
    @Param('runId', RunIdPipe) runId: string,
    @Body() body: ResultDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<{ seq: number; outcome: RunOutcome }> {
    const report = (body.status === 'completed'
      ? { status: 'completed', summary: body.summary, filesChanged: body.filesChanged, commitSha: body.commitSha, usage: body.usage }
      : { status: 'failed', reason: body.reason, retryable: body.retryable, usage: body.usage }) as ResultReport;
    const userAgent = request.headers['user-agent']?.slice(0, 500);
    const audit = { actor: `agent:${agentId}`, at: new Date().toISOString(), ...(request.ip ? { ip: request.ip } : {}), ...(userAgent ? { userAgent } : {}) };
    const answer = await this.protocol.result(agentOf(request, agentId), runId, report, audit);
    this.log.log(`agent ${agentId} reported run ${runId} ${answer.outcome.status} (credential ${request.principal.credential ?? 'api_key'}, ip ${request.ip ?? '?'})`);
    return answer;
  }
}

/** The caller's own agent: a token (or agent key) names one agent of one tenant. */
function agentOf(request: AuthenticatedRequest, agentId: string): ProtocolAgent {
  const { principal } = request;
  if (principal.agentId !== agentId) throw new ForbiddenException('An agent may only call its own agent endpoints');
  return { agentId, tenantId: principal.tenantId };
}
