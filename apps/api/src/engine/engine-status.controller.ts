import { Controller, Get, Inject, Optional, Req } from '@nestjs/common';
import type { EventStore } from '@orch/application';
import type { EngineQueueDepth, EngineStatusView } from '@orch/contracts';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { READERS, Roles } from '../auth/roles.decorator';
import { ENGINE_STATUS, EVENT_STORE, READ_SIDE } from '../infrastructure/tokens';
import type { ReadSide } from '../read-side/read-side';
import { engineLag, type EngineStatusSource } from './engine-status';

/**
 * `GET /engine/status` (every reader): how far the engine of this process trails the log it follows,
 * and the caller's tenant's queue. Only global log positions and the caller's own counts leave:
 * how many sessions the engine drives across tenants does not (that is for /metrics).
 */
@Controller('engine')
@Roles(...READERS)
export class EngineStatusController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ENGINE_STATUS) private readonly source: EngineStatusSource,
    @Optional() @Inject(READ_SIDE) private readonly readSide?: ReadSide,
  ) {}

  @Get('status')
  async status(@Req() request: AuthenticatedRequest): Promise<EngineStatusView> {
    const queue = await this.queue(request.principal.tenantId);
    const current = this.source.current?.();
    if (!current) return { running: false, reason: this.source.notRunning, queue };
    const lag = await engineLag(this.store, current.position);
    return { running: true, caughtUp: current.caughtUp, coordinationHealthy: current.coordinationHealthy, position: current.position ?? null, ...lag, queue };
  }

  /** Null without read models here, or while they are not migrated yet (the engine's facts still answer). */
  private async queue(tenantId: string): Promise<EngineQueueDepth | null> {
    if (!this.readSide) return null;
    try {
      return await this.readSide.queries.sessions.queueDepth(tenantId);
    } catch {
      return null;
    }
  }
}
