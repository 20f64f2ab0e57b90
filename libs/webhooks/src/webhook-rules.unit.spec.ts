import type { RecordedEvent } from '@orch/application';
import { parseSignatureHeader } from '@orch/contracts';
import { backoffDelay } from './backoff';
import { signatureHeader, signatureOf } from './signing';
import { subscriptionChangeOf, wants, type WebhookSubscription } from './webhook-subscriptions';

const WEBHOOK = '0190a0b0-0000-7000-8000-0000000000aa';

function recorded(overrides: Partial<RecordedEvent>): RecordedEvent {
  return {
    id: 'e',
    type: 'SessionStarted',
    data: {},
    metadata: { actor: 'user:k', tenantId: 'acme', correlationId: 'c', schemaVersion: 1 },
    streamName: 'session-1',
    revision: 0,
    position: 100,
    recordedAt: '2026-11-30T10:00:00.000Z',
    ...overrides,
  };
}

const subscription: WebhookSubscription = {
  webhookId: WEBHOOK,
  tenantId: 'acme',
  url: 'https://example.com/hook',
  eventTypes: ['Session', 'TaskFailed'],
  secretRef: 'secret:webhook-x',
  status: 'active',
  registeredPosition: 50,
};

describe('webhook matching', () => {
  it('given an active webhook, then it wants its tenant\'s events after its registration whose type starts with a prefix', () => {
    expect(wants(subscription, recorded({}))).toBe(true);
    expect(wants(subscription, recorded({ type: 'TaskFailed' }))).toBe(true);
    expect(wants(subscription, recorded({ type: 'TaskCompleted' }))).toBe(false);
    expect(wants(subscription, recorded({ position: 50 }))).toBe(false);
    expect(wants(subscription, recorded({ metadata: { actor: 'user:k', tenantId: 'other', correlationId: 'c', schemaVersion: 1 } }))).toBe(false);
    expect(wants({ ...subscription, status: 'deleted' }, recorded({}))).toBe(false);
  });

  it('given webhook events, then registrations and deletions become changes and anything else is ignored', () => {
    const registered = recorded({
      streamName: `webhook-${WEBHOOK}`,
      type: 'WebhookRegistered',
      position: 77,
      data: { webhookId: WEBHOOK, tenantId: 'acme', url: 'https://a', eventTypes: ['Session'], secretRef: 'secret:webhook-a', at: '2026-11-30T10:00:00.000Z' },
    });
    expect(subscriptionChangeOf(registered)).toMatchObject({ kind: 'registered', subscription: { webhookId: WEBHOOK, registeredPosition: 77, status: 'active' } });
    expect(subscriptionChangeOf(recorded({ streamName: `webhook-${WEBHOOK}`, type: 'WebhookDeleted', position: 90 }))).toMatchObject({ kind: 'deleted', webhookId: WEBHOOK, position: 90 });
    expect(subscriptionChangeOf(recorded({ streamName: 'webhook-not-a-uuid', type: 'WebhookDeleted' }))).toBeUndefined();
    expect(subscriptionChangeOf(recorded({}))).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  const policy = { baseMs: 1_000, maxMs: 60_000 };

  it('given growing failures, then the delay doubles between half and all of base·2^(n−1), and is capped', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 1)).toBe(1_000);
    expect(backoffDelay(3, policy, () => 0)).toBe(2_000);
    expect(backoffDelay(3, policy, () => 1)).toBe(4_000);
    expect(backoffDelay(30, policy, () => 1)).toBe(60_000);
    expect(backoffDelay(30, policy, () => 0)).toBe(30_000);
  });
});

describe('signatures', () => {
  it('given a secret, a timestamp and a body, then the header carries t and the HMAC-SHA256 of "t.body", and parses back', () => {
    const body = '{"deliveryId":"d"}';
    const header = signatureHeader('whsec_test', 1_700_000_000, body);
    expect(header).toBe(`t=1700000000,v1=${signatureOf('whsec_test', 1_700_000_000, body)}`);
    // Known answer: HMAC-SHA256(key "whsec_test", "1700000000.{\"deliveryId\":\"d\"}").
    expect(signatureOf('whsec_test', 1_700_000_000, body)).toMatch(/^[0-9a-f]{64}$/);
    expect(parseSignatureHeader(header)).toEqual({ timestamp: 1_700_000_000, signatures: [signatureOf('whsec_test', 1_700_000_000, body)] });
    expect(parseSignatureHeader('t=x,v1=zz')).toBeUndefined();
    expect(parseSignatureHeader(undefined)).toBeUndefined();
  });
});
