import type { LiveEvent } from '../live/live-event';

/** The JSON body of every delivery: the same bytes on every attempt of one delivery. */
export interface WebhookPayload {
  readonly deliveryId: string;
  readonly webhookId: string;
  readonly event: LiveEvent;
}

/** Request headers of a delivery (lower-case, as Node presents them). */
export const WEBHOOK_HEADERS = {
  /** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` */
  signature: 'x-orch-signature',
  deliveryId: 'x-orch-delivery-id',
  webhookId: 'x-orch-webhook-id',
  eventType: 'x-orch-event-type',
  /** 1 for the first attempt, counting again from 1 after a manual redelivery. */
  attempt: 'x-orch-attempt',
} as const;

/** What is signed: the timestamp, a dot, and the raw body exactly as received. */
export function signedContent(timestamp: number, body: string): string {
  return `${timestamp}.${body}`;
}

export interface SignatureHeader {
  readonly timestamp: number;
  /** Every `v1=` value: more than one while a secret is being rotated. */
  readonly signatures: readonly string[];
}

export function formatSignatureHeader(timestamp: number, hexSignature: string): string {
  return `t=${timestamp},v1=${hexSignature}`;
}

/** Parses `t=…,v1=…[,v1=…]`; undefined when malformed. Unknown schemes are ignored. */
export function parseSignatureHeader(header: string | null | undefined): SignatureHeader | undefined {
  if (!header || header.length > 2000) return undefined;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}
