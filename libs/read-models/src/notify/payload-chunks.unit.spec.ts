import { type ProjectionChange } from '@orch/application';
import { MAX_PAYLOAD_BYTES, parseMessage, payloadChunks } from './payload-chunks';

const parsePayload = (payload: string) => parseMessage(payload).changes;

const change = (index: number): ProjectionChange => ({
  entity: 'task',
  id: `0190d1c4-7b1e-7c6a-9d3e-${index.toString().padStart(12, '0')}/implement_é`,
  tenantId: 'tenant-a',
  position: 1_000_000 + index,
});

describe('payloadChunks', () => {
  it('splits many changes into NOTIFY payloads under 8000 bytes that parse back in order', () => {
    const changes = Array.from({ length: 500 }, (_, index) => change(index));
    const chunks = payloadChunks(changes);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(Buffer.byteLength(chunk, 'utf8')).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(chunks.flatMap((chunk) => parsePayload(chunk))).toEqual(changes);
  });

  it('keeps a small batch in one payload and yields none for no changes', () => {
    expect(payloadChunks([change(1), change(2)])).toHaveLength(1);
    expect(payloadChunks([])).toEqual([]);
  });

  it('ignores foreign or malformed payloads on the channel', () => {
    expect(parsePayload('not json')).toEqual([]);
    expect(parsePayload('{"entity":"x"}')).toEqual([]);
    expect(parsePayload('[{"entity":"x","id":"1"}]')).toEqual([]);
  });

  it('given an origin, when changes are split, then every chunk names it, stays under the limit and parses back in order', () => {
    const changes = Array.from({ length: 500 }, (_, index) => change(index));
    const chunks = payloadChunks(changes, MAX_PAYLOAD_BYTES, 'origin-é-1');
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(Buffer.byteLength(chunk, 'utf8')).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    const messages = chunks.map((chunk) => parseMessage(chunk));
    expect(messages.every((message) => message.origin === 'origin-é-1')).toBe(true);
    expect(messages.flatMap((message) => message.changes)).toEqual(changes);
  });

  it('reads a bare array (a notifier without origins) as changes of no origin, and an envelope without changes as nothing', () => {
    expect(parseMessage(JSON.stringify([change(1)]))).toEqual({ changes: [change(1)] });
    expect(parseMessage('{"origin":"x"}')).toEqual({ changes: [] });
    expect(parseMessage('{"origin":7,"changes":[]}')).toEqual({ changes: [] });
  });
});
