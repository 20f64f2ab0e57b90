import { type ProjectionChange } from '@orch/application';
import { MAX_PAYLOAD_BYTES, parsePayload, payloadChunks } from './payload-chunks';

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
});
