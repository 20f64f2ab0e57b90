import { spec } from '@orch/kernel/testing';
import { isAllowedWebhookUrl, webhookDecider, type RegisterWebhook } from './webhook';

const NOW = '2026-11-23T10:00:00.000Z';
const ID = '0190f5b2-7c4e-7a10-8b2d-3c4d5e6f7a8b';
const metadata = { commandId: 'c', actor: 'user:k' as const, tenantId: 't', now: NOW, correlationId: 'c', reason: 'r' };
const register = (data: Partial<RegisterWebhook['data']> = {}): RegisterWebhook => ({
  type: 'RegisterWebhook',
  data: { webhookId: ID, url: 'https://hooks.example.com/x', eventTypes: ['Session', 'TaskFailed', 'Session'], secretRef: 'secret:hook', ...data },
  metadata,
});

describe('Webhook', () => {
  it('given nothing, when registered, then WebhookRegistered with duplicate prefixes dropped', () => {
    spec(webhookDecider)
      .given([])
      .when(register())
      .then([
        {
          type: 'WebhookRegistered',
          data: { webhookId: ID, tenantId: 't', url: 'https://hooks.example.com/x', eventTypes: ['Session', 'TaskFailed'], secretRef: 'secret:hook', at: NOW },
        },
      ]);
  });

  it.each([
    [{ url: 'http://hooks.example.com/x' }, 'url'],
    [{ eventTypes: [] }, 'eventTypes'],
    [{ eventTypes: ['session'] }, 'eventTypes'],
    [{ secretRef: 'plain-secret-value' }, 'secretRef'],
  ])('given nothing, when registered with %o, then %s is invalid', (data, field) => {
    spec(webhookDecider).given([]).when(register(data)).thenThrows('COMMAND.FIELD_INVALID', { field });
  });

  it('allows plain http only to loopback', () => {
    expect(isAllowedWebhookUrl('http://127.0.0.1:8080/hook')).toBe(true);
    expect(isAllowedWebhookUrl('http://localhost/hook')).toBe(true);
    expect(isAllowedWebhookUrl('http://[::1]:9/h')).toBe(true);
    expect(isAllowedWebhookUrl('http://10.0.0.1/hook')).toBe(false);
    expect(isAllowedWebhookUrl('ftp://example.com')).toBe(false);
  });

  it('given a deleted webhook, when deleted again, then WEBHOOK.NOT_FOUND', () => {
    const registered = { type: 'WebhookRegistered' as const, data: { webhookId: ID, tenantId: 't', url: 'https://a.b', eventTypes: ['Session'], secretRef: 'secret:x', at: NOW } };
    const del = { type: 'DeleteWebhook' as const, data: { webhookId: ID }, metadata };
    spec(webhookDecider).given([registered]).when(del).then([{ type: 'WebhookDeleted', data: { at: NOW } }]);
    spec(webhookDecider).given([registered, { type: 'WebhookDeleted', data: { at: NOW } }]).when(del).thenThrows('WEBHOOK.NOT_FOUND');
  });
});
