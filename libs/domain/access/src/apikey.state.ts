import type { ApiKeyEvent, ApiKeyRole } from './apikey.events';

export type ApiKeyState =
  | { readonly status: 'none' }
  | {
      readonly status: 'active' | 'revoked';
      readonly apiKeyId: string;
      readonly tenantId: string;
      readonly role: ApiKeyRole;
      readonly keyHash: string;
    };

export const initialApiKeyState = (): ApiKeyState => ({ status: 'none' });

export function evolveApiKey(state: ApiKeyState, event: ApiKeyEvent): ApiKeyState {
  switch (event.type) {
    case 'ApiKeyIssued': {
      const { apiKeyId, tenantId, role, keyHash } = event.data;
      return { status: 'active', apiKeyId, tenantId, role, keyHash };
    }
    case 'ApiKeyRevoked':
      return state.status === 'none' ? state : { ...state, status: 'revoked' };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
