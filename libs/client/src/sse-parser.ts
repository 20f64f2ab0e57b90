/** One server-sent event as the spec assembles it (html.spec.whatwg.org, "event stream"). */
export interface SseFrame {
  readonly id?: string;
  readonly event?: string;
  readonly data: string;
  readonly retry?: number;
}

/**
 * Parses an event stream from text chunks (split anywhere, `\n`, `\r\n` or `\r`). Comment lines
 * (heartbeats) are skipped; a frame without data lines is not dispatched unless it carries an
 * id or retry, which still move the client's state.
 */
export async function* parseSse(chunks: AsyncIterable<string>): AsyncGenerator<SseFrame, void, undefined> {
  let buffer = '';
  let frame: { id?: string; event?: string; data: string[]; retry?: number } = { data: [] };
  for await (const chunk of chunks) {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      if (buffer[newline] === '\r' && newline === buffer.length - 1) break; // a \r\n may be split
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (frame.data.length > 0 || frame.id !== undefined || frame.retry !== undefined) yield assemble(frame);
        frame = { data: [] };
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') frame.data.push(value);
      else if (field === 'event') frame.event = value;
      else if (field === 'id' && !value.includes('\0')) frame.id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) frame.retry = Number(value);
    }
  }
}

function assemble(frame: { id?: string; event?: string; data: string[]; retry?: number }): SseFrame {
  return {
    ...(frame.id === undefined ? {} : { id: frame.id }),
    ...(frame.event === undefined ? {} : { event: frame.event }),
    ...(frame.retry === undefined ? {} : { retry: frame.retry }),
    data: frame.data.join('\n'),
  };
}

/** A fetch body as text chunks. */
export async function* textChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      yield decoder.decode(value, { stream: true });
    }
  } finally {
    reader.releaseLock();
  }
}
