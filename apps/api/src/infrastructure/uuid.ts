import { createHash, randomBytes } from 'node:crypto';
import type { Ids } from '@orch/application';

const NAMESPACE = Buffer.from('6f9b7e0c4a2d4d1b9e3f1c2a5b7d8e90', 'hex');

function format(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** RFC 9562 UUID v7: 48-bit Unix milliseconds, then random bits; sortable by creation time. */
export function uuidv7(nowMs: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return format(bytes);
}

/** RFC 9562 UUID v5 (SHA-1, our namespace): the same name always yields the same id. */
export function uuidv5(name: string): string {
  const bytes = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return format(Buffer.from(bytes));
}

export const systemIds: Ids = { newId: () => uuidv7(), derive: uuidv5 };
