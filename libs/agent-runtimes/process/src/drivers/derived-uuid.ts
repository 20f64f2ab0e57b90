import { createHash } from 'node:crypto';

/**
 * A UUID (version 4 layout) derived from `parts`: the same injection of the same run always gets
 * the same Claude Code message uuid, which Claude echoes back when it takes the message.
 */
export function derivedUuid(...parts: readonly string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
