import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import type { EventStore, Leases } from '@orch/application';
import { Public } from '../auth/public.decorator';
import { EVENT_STORE, LEASES } from '../infrastructure/tokens';

@Controller('health')
@Public()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEASES) private readonly leases: Leases,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when the event store answers a read and the coordination store (Redis, when configured) a ping. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok' }> {
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
    return { status: 'ok' };
  }
}
