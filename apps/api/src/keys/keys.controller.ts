import { Body, ConflictException, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ClientInfo, Clock, CommandResult, Ids } from '@orch/application';
import { ExecuteDomainCommand } from '../cqrs/execute-domain-command';
import { apiKeyDecider, type ApiKeyCommand } from '@orch/domain-access';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { hashKey, keyPrefix, newKeySecret } from '../auth/key-secret';
import { Roles } from '../auth/roles.decorator';
import { commandContext } from '../http/command-context';
import { API_KEY_DIRECTORY, CLOCK, IDS } from '../infrastructure/tokens';
import type { ApiKeyDirectory } from '../auth/api-key-directory';
import { IssueKeyDto, RevokeKeyDto } from './issue-key.dto';

@Controller('keys')
@Roles('admin')
export class KeysController {
  constructor(
    private readonly commandBus: CommandBus,
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

  private execute(apiKeyId: string, command: ApiKeyCommand, client: ClientInfo): Promise<CommandResult> {
    const target = { decider: apiKeyDecider, streamName: `apikey-${apiKeyId}`, aggregateId: apiKeyId, notFound: 'APIKEY.NOT_FOUND' as const };
    return this.commandBus.execute(new ExecuteDomainCommand(target, command, client));
  }
}

function optionalFields(body: IssueKeyDto): { agentId?: string; expiresAt?: string } {
  return {
    ...(body.agentId === undefined ? {} : { agentId: body.agentId }),
    ...(body.expiresAt === undefined ? {} : { expiresAt: body.expiresAt }),
  };
}
