import { DomainError, fieldInvalid, isUuid, type Command, type Decider, requireReason } from '@orch/kernel';

export interface WebhookRegistered {
  readonly type: 'WebhookRegistered';
  readonly data: {
    readonly webhookId: string;
    readonly tenantId: string;
    readonly url: string;
    readonly eventTypes: readonly string[];
    readonly secretRef: string;
    readonly at: string;
  };
}
export interface WebhookDeleted {
  readonly type: 'WebhookDeleted';
  readonly data: { readonly at: string };
}
export type WebhookEvent = WebhookRegistered | WebhookDeleted;

export type RegisterWebhook = Command<
  'RegisterWebhook',
  { readonly webhookId: string; readonly url: string; readonly eventTypes: readonly string[]; readonly secretRef: string }
>;
export type DeleteWebhook = Command<'DeleteWebhook', { readonly webhookId: string }>;
export type WebhookCommand = RegisterWebhook | DeleteWebhook;

export type WebhookState = { readonly status: 'none' | 'active' | 'deleted' };

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;
const TYPE_PREFIX = /^[A-Z][A-Za-z]{0,99}$/;

/** https everywhere; plain http only to loopback (DOMAIN.md §1). */
export function isAllowedWebhookUrl(url: string): boolean {
  const match = /^(https?):\/\/([^/:?#]+|\[[^\]]+\])(:\d+)?([/?#].*)?$/.exec(url);
  if (!match || url.length > 2048) return false;
  return match[1] === 'https' || LOOPBACK.test(match[2]);
}

function validRegistration(command: RegisterWebhook) {
  const { webhookId, url, eventTypes, secretRef } = command.data;
  if (!isUuid(webhookId)) throw fieldInvalid('webhookId', 'uuid');
  if (!isAllowedWebhookUrl(url)) throw fieldInvalid('url', 'https, or http to loopback');
  if (eventTypes.length < 1 || eventTypes.length > 50) throw fieldInvalid('eventTypes', 'count', '1..50');
  const bad = eventTypes.find((prefix) => !TYPE_PREFIX.test(prefix));
  if (bad !== undefined) throw fieldInvalid('eventTypes', 'event type prefix');
  if (!/^secret:[A-Za-z0-9_.-]{1,128}$/.test(secretRef)) throw fieldInvalid('secretRef', 'secret reference');
  return { webhookId, url, eventTypes: [...new Set(eventTypes)], secretRef };
}

export function decideWebhook(command: WebhookCommand, state: WebhookState): WebhookEvent[] {
  const at = command.metadata.now;
  switch (command.type) {
    case 'RegisterWebhook':
      if (state.status !== 'none') throw fieldInvalid('webhookId', 'unique');
      return [{ type: 'WebhookRegistered', data: { ...validRegistration(command), tenantId: command.metadata.tenantId, at } }];
    case 'DeleteWebhook':
      requireReason(command);
      if (state.status !== 'active') throw new DomainError('WEBHOOK.NOT_FOUND', 'Webhook not found', { id: command.data.webhookId });
      return [{ type: 'WebhookDeleted', data: { at } }];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const webhookDecider: Decider<WebhookCommand, WebhookEvent, WebhookState> = {
  initialState: () => ({ status: 'none' }),
  decide: decideWebhook,
  evolve: (_state, event) => ({ status: event.type === 'WebhookRegistered' ? 'active' : 'deleted' }),
};
