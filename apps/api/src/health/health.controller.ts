import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import type { EventStore } from '@orch/application';
import { Public } from '../auth/public.decorator';
import { EVENT_STORE } from '../infrastructure/tokens';

@Controller('health')
@Public()
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when the event store answers a read. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok' }> {
    try {
      await this.store.readAll({ maxCount: 1 });
      return { status: 'ok' };
    } catch (error) {
      throw new ServiceUnavailableException(`event store unavailable: ${(error as Error).message}`);
    }
  }
}
