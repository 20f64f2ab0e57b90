import { Controller, Get, Inject, Optional, Res, ServiceUnavailableException } from '@nestjs/common';
import type { EventStore, Leases } from '@orch/application';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { EVENT_STORE, LEASES, READ_SIDE } from '../infrastructure/tokens';
import type { ReadSide, ReadSideReadiness } from '../read-side/read-side';

export interface Readiness {
  readonly status: 'ok' | 'not_ready';
  readonly readModels?: ReadSideReadiness;
}

@Controller('health')
@Public()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEASES) private readonly leases: Leases,
    @Optional() @Inject(READ_SIDE) private readonly readSide?: ReadSide,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Ready when the event store answers a read, the coordination store (Redis, when configured) a
   * ping, and the read-model schema is fully migrated (by the projector role, here or in another
   * process); the body says how far each projector trails.
   */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<Readiness> {
    try {
      await this.store.readAll({ maxCount: 1 });
    } catch (error) {
      throw new ServiceUnavailableException(`event store unavailable: ${(error as Error).message}`);
    }
    try {
      await this.leases.ping();
    } catch (error) {
      throw new ServiceUnavailableException(`coordination store unavailable: ${(error as Error).message}`);
    }
    if (!this.readSide) return { status: 'ok' };
    let readModels: ReadSideReadiness;
    try {
      readModels = await this.readSide.readiness();
    } catch (error) {
      throw new ServiceUnavailableException(`read models unavailable: ${(error as Error).message}`);
    }
    if (!readModels.ready) response.status(503);
    return { status: readModels.ready ? 'ok' : 'not_ready', readModels };
  }
}
