import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PromptBreakingProxy {
  readonly url: string;
  /** `POST …/prompt_async` requests that reached the proxy, the broken ones included. */
  readonly prompts: number;
  /** Every request's method and path, in order. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of an OpenCode server that breaks the connection of the first
 * `prompt_async` request: `before` forwarding it (the prompt never arrives) or `after` OpenCode
 * answered it (the prompt arrived, the answer is lost); `always` breaks every one before
 * forwarding it. Everything else, the event stream included, is passed through as it is.
 */
export async function startPromptBreakingProxy(target: string, when: 'before' | 'after' | 'always'): Promise<PromptBreakingProxy> {
  let prompts = 0;
  let broken = false;
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${new URL(request.url ?? '/', target).pathname}`);
    const isPrompt = request.method === 'POST' && (request.url ?? '').includes('/prompt_async');
    if (isPrompt) prompts++;
    const breakThis = isPrompt && (!broken || when === 'always');
    if (breakThis) broken = true;
    if (breakThis && when !== 'after') {
      request.socket.destroy();
      return;
    }
    const upstream = forward(new URL(request.url ?? '/', target), { method: request.method, headers: request.headers }, (answer) => {
      if (breakThis) {
        answer.resume();
        answer.on('end', () => request.socket.destroy());
        return;
      }
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get prompts() {
      return prompts;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
