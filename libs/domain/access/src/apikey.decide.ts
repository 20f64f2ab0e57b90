import { DomainError, fieldInvalid, isIsoTimestamp, isUuid, trimmedLengthWithin, type Decider, requireReason } from '@orch/kernel';
import type { ApiKeyCommand, IssueApiKey } from './apikey.commands';
import { API_KEY_ROLES, type ApiKeyEvent, type ApiKeyRole } from './apikey.events';
import { evolveApiKey, initialApiKeyState, type ApiKeyState } from './apikey.state';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function decideApiKey(command: ApiKeyCommand, state: ApiKeyState): ApiKeyEvent[] {
  const at = command.metadata.now;
  switch (command.type) {
    case 'IssueApiKey':
      if (state.status !== 'none') {
        throw new DomainError('COMMAND.FIELD_INVALID', 'apiKeyId already used', { field: 'apiKeyId', rule: 'unique' });
      }
      return [{ type: 'ApiKeyIssued', data: { ...validIssue(command), tenantId: command.metadata.tenantId, at } }];
    case 'RevokeApiKey':
      requireReason(command);
      if (state.status === 'none') throw new DomainError('APIKEY.NOT_FOUND', 'API key not found', { id: command.data.apiKeyId });
      if (state.status === 'revoked') {
        throw new DomainError('APIKEY.ALREADY_REVOKED', 'API key already revoked', { apiKeyId: state.apiKeyId });
      }
      return [{ type: 'ApiKeyRevoked', data: { at } }];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function validIssue(command: IssueApiKey) {
  const { apiKeyId, name, role, agentId, keyHash, prefix, expiresAt } = command.data;
  if (!isUuid(apiKeyId)) throw fieldInvalid('apiKeyId', 'uuid');
  if (!trimmedLengthWithin(name, 1, 100)) throw fieldInvalid('name', 'length', '1..100');
  if (!(API_KEY_ROLES as readonly string[]).includes(role)) throw fieldInvalid('role', 'enum', API_KEY_ROLES.join(','));
  if (role === 'agent' && !isUuid(agentId)) throw fieldInvalid('agentId', 'required for role agent');
  if (role !== 'agent' && agentId !== undefined) throw fieldInvalid('agentId', 'only for role agent');
  if (!SHA256_HEX.test(keyHash)) throw fieldInvalid('keyHash', 'sha256 hex');
  if (prefix.length !== 8) throw fieldInvalid('prefix', 'length', 8);
  if (expiresAt !== undefined && (!isIsoTimestamp(expiresAt) || expiresAt <= command.metadata.now)) {
    throw fieldInvalid('expiresAt', 'future ISO timestamp');
  }
  return {
    apiKeyId,
    name: name.trim(),
    role: role as ApiKeyRole,
    ...(agentId === undefined ? {} : { agentId }),
    keyHash,
    prefix,
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}

export const apiKeyDecider: Decider<ApiKeyCommand, ApiKeyEvent, ApiKeyState> = {
  initialState: initialApiKeyState,
  decide: decideApiKey,
  evolve: evolveApiKey,
};
