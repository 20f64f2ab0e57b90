import { BadRequestException, Controller, Get, Inject, Logger, Query, Req, Res, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STREAM_PATH } from '@orch/contracts';
import { eventSelector, type LiveHub } from '@orch/live';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { READERS, Roles } from '../auth/roles.decorator';
import { EventStreamQueryDto } from './event-stream.query';
import type { LiveSettings } from './live-settings';
import { LIVE_HUB, LIVE_SETTINGS } from './live-tokens';
import { SseConnection } from './sse-connection';

/**
 * `GET /events/stream` (DESIGN.md §6): the tenant's events as server-sent events, `id:` the
 * global position. Resumes after `Last-Event-ID` (or `?from=`); without either, starts live.
 */
@Controller()
@Roles(...READERS)
export class EventStreamController implements OnModuleDestroy {
  private readonly logger = new Logger('EventStream');
  private readonly open = new Set<SseConnection>();

  constructor(
    @Inject(LIVE_HUB) private readonly hub: LiveHub,
    @Inject(LIVE_SETTINGS) private readonly settings: LiveSettings,
  ) {}

  @Get(EVENT_STREAM_PATH.slice(1))
  async stream(@Query() query: EventStreamQueryDto, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const connection = new SseConnection(response, {
      tenantId: request.principal.tenantId,
      fromPosition: resumePosition(request.headers['last-event-id'], query.from),
      selector: eventSelector({ streams: query.stream, categories: query.category, types: query.type }),
      maxBufferBytes: this.settings.sseMaxBufferBytes,
      heartbeatMs: this.settings.sseHeartbeatMs,
    });
    this.open.add(connection);
    void connection.closed.then(() => this.open.delete(connection));
    try {
      await connection.open(this.hub.events);
    } catch (error) {
      // The headers are out: the failure can only be told in the stream itself.
      this.logger.error(error instanceof Error ? error.stack : String(error));
      connection.end({ reason: 'internal_error', message: 'The stream failed; it has been logged. Reconnect to resume' });
    }
  }

  /** Open streams would hold the HTTP server open forever: end them before it closes. */
  onModuleDestroy(): void {
    for (const connection of this.open) connection.end({ reason: 'shutting_down', message: 'The server is shutting down; reconnect to resume' });
  }
}

function resumePosition(lastEventId: string | string[] | undefined, from: string | undefined): number | undefined {
  const raw = Array.isArray(lastEventId) ? lastEventId[0] : lastEventId;
  if (raw !== undefined && raw !== '') {
    if (!/^\d{1,16}$/.test(raw)) throw new BadRequestException('Last-Event-ID must be a position sent by this stream');
    return safePosition(raw);
  }
  return from === undefined ? undefined : safePosition(from);
}

function safePosition(raw: string): number {
  const position = Number(raw);
  if (!Number.isSafeInteger(position)) throw new BadRequestException('from must be a position sent by this stream');
  return position;
}
