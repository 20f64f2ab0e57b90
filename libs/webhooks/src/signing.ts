import { createHmac } from 'node:crypto';
import { formatSignatureHeader, signedContent } from '@orch/contracts';

/** HMAC-SHA256 over `<timestamp>.<body>`, hex: the `v1` of `X-Orch-Signature`. */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(signedContent(timestamp, body), 'utf8').digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return formatSignatureHeader(timestamp, signatureOf(secret, timestamp, body));
}
