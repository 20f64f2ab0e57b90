import { UsageError } from '../cli-error';

/**
 * The api as the CLI reaches it for `--api <url>`: the key comes from ORCH_API_KEY only (a key on the
 * command line would show in `ps` and shell history). Errors carry the problem details' title.
 */
export interface ApiClient {
  get<T>(path: string): Promise<{ status: number; body: T }>;
}

export function apiClient(baseUrl: string, env: NodeJS.ProcessEnv): ApiClient {
  const key = env['ORCH_API_KEY'];
  if (!key) throw new UsageError('--api needs ORCH_API_KEY (an api key of the tenant) in the environment');
  if (!/^https?:\/\//.test(baseUrl)) throw new UsageError(`--api must be an http(s) URL such as http://127.0.0.1:3000/api/v1, got "${baseUrl}"`);
  const root = baseUrl.replace(/\/+$/, '');
  return {
    async get<T>(path: string) {
      const response = await fetch(`${root}${path}`, { headers: { authorization: `Bearer ${key}`, accept: 'application/json' } });
      const text = await response.text();
      const body = (text ? JSON.parse(text) : undefined) as T;
      return { status: response.status, body };
    },
  };
}

/** A 2xx body, or an error naming the call and the api's problem title. */
export async function getOk<T>(api: ApiClient, path: string): Promise<T> {
  const { status, body } = await api.get<T>(path);
  if (status >= 200 && status < 300) return body;
  const problem = body as { title?: string; detail?: string } | undefined;
  throw new Error(`GET ${path} answered ${status}${problem?.detail ? `: ${problem.detail}` : problem?.title ? `: ${problem.title}` : ''}`);
}
