import { BadRequestException, Body, ConflictException, Controller, Delete, Get, HttpCode, Inject, Logger, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ClientInfo, Clock, CommandResult, EventStore, Ids } from '@orch/application';
import type { DeliveryView, ListPage, WebhookRegistration, WebhookView } from '@orch/contracts';
import { webhookDecider, type WebhookCommand } from '@orch/domain-access';
import { DomainError } from '@orch/kernel';
import { decodeCursor, newWebhookSecret } from '@orch/webhooks';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { READERS, Roles } from '../auth/roles.decorator';
import { ExecuteDomainCommand } from '../cqrs/execute-domain-command';
import { commandContext } from '../http/command-context';
import { CLOCK, EVENT_STORE, IDS } from '../infrastructure/tokens';
import { ReasonDto } from '../sessions/session-action.dto';
import { DeadLettersQueryDto, DeliveriesQueryDto, RegisterWebhookDto } from './webhook.dto';
import type { WebhookResources } from './webhook-resources';
import { WEBHOOK_RESOURCES } from './webhook-tokens';
import { webhookFromStream } from './webhook-from-stream';

const MANAGERS = ['admin', 'integrator'] as const;

/** Webhooks (DESIGN.md §6 integrations): HMAC-signed, retried, dead-lettered; see docs/webhooks.md. */
@Controller('webhooks')
@Roles(...READERS)
export class WebhooksController {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(IDS) private readonly ids: Ids,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WEBHOOK_RESOURCES) private readonly resources: WebhookResources,
  ) {}

  /** The signing secret is generated here, stored encrypted, and shown in this answer only. */
  @Post()
  @Roles(...MANAGERS)
  async register(@Body() body: RegisterWebhookDto, @Req() request: AuthenticatedRequest): Promise<WebhookRegistration> {
    const { metadata, client } = commandContext(request, this.ids, this.clock);
    const webhookId = this.ids.derive(`webhook/${metadata.commandId}`);
    const secretRef = `secret:webhook-${webhookId}`;
    const command: WebhookCommand = { type: 'RegisterWebhook', data: { webhookId, url: body.url, eventTypes: body.eventTypes, secretRef }, metadata };
    // Validate before the secret is stored, so a refused registration leaves nothing behind.
    webhookDecider.decide(command, webhookDecider.initialState());
    const generated = newWebhookSecret();
    const stored = await this.resources.secrets.putOnce(secretRef, metadata.tenantId, generated);
    const { replayed, ...result } = await this.execute(webhookId, command, client);
    if (replayed) throw new ConflictException('A webhook was already registered under this Idempotency-Key; its secret was shown once');
    // An earlier attempt stored a secret but never appended: that secret is the one in force.
    const secret = stored ? generated : await this.resources.secrets.get(secretRef);
    return { ...result, secret: secret ?? generated };
  }

  @Get()
  async list(@Req() request: AuthenticatedRequest): Promise<{ items: WebhookView[] }> {
    return { items: await this.resources.queries.webhooks(request.principal.tenantId) };
  }

  @Get('dead-letters')
  deadLetters(@Query() query: DeadLettersQueryDto, @Req() request: AuthenticatedRequest): Promise<ListPage<DeliveryView>> {
    return this.resources.queries.deadLetters(request.principal.tenantId, { limit: query.limit ?? 50, ...cursorOf(query.cursor) });
  }

  @Post('deliveries/:id/redeliver')
  @Roles(...MANAGERS)
  @HttpCode(202)
  async redeliver(@Param('id', ParseUUIDPipe) deliveryId: string, @Req() request: AuthenticatedRequest): Promise<{ id: string; status: 'pending' }> {
    const outcome = await this.resources.queries.redeliver(request.principal.tenantId, deliveryId);
    if (outcome === 'not_found') throw new DomainError('WEBHOOK.NOT_FOUND', `Delivery ${deliveryId} not found`, { id: deliveryId });
    if (outcome === 'not_redeliverable') throw new ConflictException('Only a dead or delivered delivery of an active webhook can be redelivered');
    // Deliveries are not events (DOMAIN.md §1); the redelivery is still on record, with who asked.
    this.logger.log(`redelivery of ${deliveryId} requested by user:${request.principal.apiKeyId} (tenant ${request.principal.tenantId})`);
    return { id: deliveryId, status: 'pending' };
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) webhookId: string, @Req() request: AuthenticatedRequest): Promise<WebhookView> {
    const { tenantId } = request.principal;
    // The fan-out may not have seen a registration made a moment ago; the stream has.
    const view = (await this.resources.queries.webhook(tenantId, webhookId)) ?? (await webhookFromStream(this.store, tenantId, webhookId));
    if (!view) throw new DomainError('WEBHOOK.NOT_FOUND', `Webhook ${webhookId} not found`, { id: webhookId });
    return view;
  }

  @Get(':id/deliveries')
  async deliveries(
    @Param('id', ParseUUIDPipe) webhookId: string,
    @Query() query: DeliveriesQueryDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<ListPage<DeliveryView>> {
    await this.get(webhookId, request);
    const page = { limit: query.limit ?? 50, ...(query.status ? { status: query.status } : {}), ...cursorOf(query.cursor) };
    return this.resources.queries.deliveries(request.principal.tenantId, webhookId, page);
  }

  @Delete(':id')
  @Roles(...MANAGERS)
  @HttpCode(200)
  delete(@Param('id', ParseUUIDPipe) webhookId: string, @Body() body: ReasonDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    const { metadata, client } = commandContext(request, this.ids, this.clock, body.reason);
    return this.execute(webhookId, { type: 'DeleteWebhook', data: { webhookId }, metadata }, client);
  }

  private execute(webhookId: string, command: WebhookCommand, client: ClientInfo): Promise<CommandResult> {
    const target = { decider: webhookDecider, streamName: `webhook-${webhookId}`, aggregateId: webhookId, notFound: 'WEBHOOK.NOT_FOUND' as const };
    return this.commandBus.execute(new ExecuteDomainCommand(target, command, client));
  }
}

function cursorOf(cursor: string | undefined): { cursor?: string } {
  if (cursor === undefined) return {};
  if (!decodeCursor(cursor)) throw new BadRequestException('cursor is not one this listing gave out');
  return { cursor };
}
