import { createHmac } from 'node:crypto';
import { verifyWebhookSignature } from './webhook-signature';

const secret = 'whsec_unit';
const body = '{"deliveryId":"d","event":{"type":"SessionStarted"}}';
const t = 1_800_000_000;
const hmac = (key: string, text: string) => createHmac('sha256', key).update(text).digest('hex');

describe('verifyWebhookSignature', () => {
  it('given the header the api sends, then it verifies, and any change to body, secret or time fails', async () => {
    const signature = `t=${t},v1=${hmac(secret, `${t}.${body}`)}`;
    const now = t * 1000 + 10_000;
    expect(await verifyWebhookSignature({ secret, signature, body, now })).toBe(true);
    expect(await verifyWebhookSignature({ secret, signature, body: body.replace('d', 'e'), now })).toBe(false);
    expect(await verifyWebhookSignature({ secret: 'whsec_other', signature, body, now })).toBe(false);
    expect(await verifyWebhookSignature({ secret, signature, body, now: now + 600_000 })).toBe(false);
    expect(await verifyWebhookSignature({ secret, signature: `t=${t},v1=${'0'.repeat(64)}`, body, now })).toBe(false);
    expect(await verifyWebhookSignature({ secret, signature: undefined, body, now })).toBe(false);
  });

  it('given two v1 signatures (a rotation), then either one verifies', async () => {
    const signature = `t=${t},v1=${hmac('whsec_old', `${t}.${body}`)},v1=${hmac(secret, `${t}.${body}`)}`;
    expect(await verifyWebhookSignature({ secret, signature, body, now: t * 1000 })).toBe(true);
  });
});
