import { parseSse, type SseFrame } from './sse-parser';

async function frames(...chunks: string[]): Promise<SseFrame[]> {
  async function* source() {
    yield* chunks;
  }
  const out: SseFrame[] = [];
  for await (const frame of parseSse(source())) out.push(frame);
  return out;
}

describe('parseSse', () => {
  it('given frames split across chunks with comments, CRLF and multi-line data, then each frame is assembled once', async () => {
    const parsed = await frames('retry: 2000\n\n: heartbeat\n\nid: 1', '0\ndata: {"a":', '1}\n\n', 'id: 11\r\ndata: line one\r', '\ndata: line two\r\n\r\n', 'event: disconnect\ndata: {}\n\n');
    expect(parsed).toEqual([
      { retry: 2000, data: '' },
      { id: '10', data: '{"a":1}' },
      { id: '11', data: 'line one\nline two' },
      { event: 'disconnect', data: '{}' },
    ]);
  });

  it('given a frame the stream never terminates, then it is not dispatched', async () => {
    expect(await frames('id: 5\ndata: partial')).toEqual([]);
  });
});
