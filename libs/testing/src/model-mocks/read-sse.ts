/** One server-sent event: its `event:` name (if any) and its `data:` text. */
export interface SseEvent {
  readonly event?: string;
  readonly data: string;
}

/** Parses a whole `text/event-stream` body (for asserting on what a mock streamed). */
export function parseSse(body: string): SseEvent[] {
  return body
    .split(/\r?\n\r?\n/)
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      let event: string | undefined;
      const data: string[] = [];
      for (const line of frame.split(/\r?\n/)) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      return event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') };
    });
}

/** POSTs JSON to a mock and returns the status and the raw body. */
export async function postJson(
  url: string,
  body: unknown,
  signal?: AbortSignal,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal });
  return { status: response.status, text: await response.text(), headers: response.headers };
}
