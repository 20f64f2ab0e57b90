import { Body, ConflictException, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { handleCommand, type Clock, type CommandResult, type EventStore, type Ids } from '@orch/application';
import { apiKeyDecider, type ApiKeyCommand } from '@orch/domain-access';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { hashKey, keyPrefix, newKeySecret } from '../auth/key-secret';
import { Roles } from '../auth/roles.decorator';
import { commandContext } from '../http/command-context';
import { API_KEY_DIRECTORY, CLOCK, EVENT_STORE, IDS } from '../infrastructure/tokens';
import type { ApiKeyDirectory } from '../auth/api-key-directory';
import { IssueKeyDto, RevokeKeyDto } from './issue-key.dto';

@Controller('keys')
@Roles('admin')
export class KeysController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDS) private readonly ids: Ids,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(API_KEY_DIRECTORY) private readonly directory: ApiKeyDirectory,
  ) {}

  /** Issues a key in the caller's tenant. The secret is in this answer only; it is never stored. */
  @Post()
  async issue(@Body() body: IssueKeyDto, @Req() request: AuthenticatedRequest): Promise<CommandResult & { key: string; prefix: string }> {
    const { metadata, client } = commandContext(request, this.ids, this.clock);
    const apiKeyId = this.ids.derive(`apikey/${metadata.commandId}`);
    const secret = newKeySecret(apiKeyId);
    const command: ApiKeyCommand = {
      type: 'IssueApiKey',
      data: { apiKeyId, name: body.name, role: body.role, keyHash: hashKey(secret), prefix: keyPrefix(secret), ...optionalFields(body) },
      metadata,
    };
    const { replayed, ...result } = await this.execute(apiKeyId, command, client);
    if (replayed) throw new ConflictException('A key was already issued under this Idempotency-Key; its secret was shown once');
    return { ...result, key: secret, prefix: keyPrefix(secret) };
  }

  @Post(':id/revoke')
  @HttpCode(200)
  async revoke(@Param('id', ParseUUIDPipe) id: string, @Body() body: RevokeKeyDto, @Req() request: AuthenticatedRequest): Promise<CommandResult> {
    const { metadata, client } = commandContext(request, this.ids, this.clock, body.reason);
    const result = await this.execute(id, { type: 'RevokeApiKey', data: { apiKeyId: id }, metadata }, client);
    this.directory.forget(id);
    return result;
  }

  private execute(apiKeyId: string, command: ApiKeyCommand, client: { ip?: string; userAgent?: string }): Promise<CommandResult> {
    const target = { decider: apiKeyDecider, streamName: `apikey-${apiKeyId}`, aggregateId: apiKeyId, notFound: 'APIKEY.NOT_FOUND' as const };
    return handleCommand({ store: this.store, ids: this.ids }, target, command, client);
  }
}

function optionalFields(body: IssueKeyDto): { agentId?: string; expiresAt?: string } {
  return {
    ...(body.agentId === undefined ? {} : { agentId: body.agentId }),
    ...(body.expiresAt === undefined ? {} : { expiresAt: body.expiresAt }),
  };
}
