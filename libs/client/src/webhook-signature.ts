import { parseSignatureHeader, signedContent } from '@orch/contracts';

export interface VerifyWebhookInput {
  /** The secret shown once at registration. */
  readonly secret: string;
  /** The `X-Orch-Signature` header. */
  readonly signature: string | null | undefined;
  /** The raw request body, exactly as received (before any JSON parsing). */
  readonly body: string;
  /** Oldest acceptable timestamp, in seconds from now (replay protection). Default 300. */
  readonly toleranceSeconds?: number;
  /** Unix milliseconds; default Date.now(). */
  readonly now?: number;
}

/**
 * True when one `v1` of the header is HMAC-SHA256(secret, "<t>.<body>") and `t` is recent.
 * WebCrypto (Node 20, browsers, workers); the comparison takes the same time wherever it differs.
 */
export async function verifyWebhookSignature(input: VerifyWebhookInput): Promise<boolean> {
  const header = parseSignatureHeader(input.signature);
  if (!header) return false;
  const nowSeconds = Math.floor((input.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - header.timestamp) > (input.toleranceSeconds ?? 300)) return false;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(input.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(signedContent(header.timestamp, input.body))));
  const expected = [...mac].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return header.signatures.some((candidate) => constantTimeEqual(candidate, expected));
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}
