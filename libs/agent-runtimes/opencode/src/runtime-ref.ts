import { isAbsolute } from 'node:path';

/** Which server holds a run: the runtime's own (`owned`, one per data dir) or an external one. */
export type ServerRef = { readonly kind: 'owned' } | { readonly kind: 'external'; readonly baseUrl: string; readonly passwordRef?: string };

/** What `attach` needs after an engine restart: the server, the OpenCode session, its directory. */
export interface RunRef {
  readonly server: ServerRef;
  readonly sessionId: string;
  readonly directory: string;
}

const PREFIX = 'opencode:';
const SESSION_ID = /^ses_[A-Za-z0-9]{1,64}$/;

/** `opencode:<base64url JSON>`: opaque to the engine, self-contained for attach. */
export function encodeRunRef(ref: RunRef): string {
  const body = { v: 1, s: ref.server.kind === 'owned' ? 'owned' : ref.server.baseUrl, p: ref.server.kind === 'external' ? ref.server.passwordRef : undefined, id: ref.sessionId, d: ref.directory };
  return `${PREFIX}${Buffer.from(JSON.stringify(body)).toString('base64url')}`;
}

/** The ref, or undefined for anything this runtime never gave out. */
export function decodeRunRef(runtimeRef: string): RunRef | undefined {
  if (!runtimeRef.startsWith(PREFIX) || runtimeRef.length > 8192) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(runtimeRef.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const { v, s, p, id, d } = (body ?? {}) as Record<string, unknown>;
  if (v !== 1 || typeof s !== 'string' || typeof id !== 'string' || !SESSION_ID.test(id) || typeof d !== 'string' || !isAbsolute(d)) return undefined;
  if (p !== undefined && typeof p !== 'string') return undefined;
  if (s === 'owned') return { server: { kind: 'owned' }, sessionId: id, directory: d };
  const baseUrl = normalBaseUrl(s);
  if (baseUrl === undefined) return undefined;
  return { server: { kind: 'external', baseUrl, ...(p === undefined ? {} : { passwordRef: p }) }, sessionId: id, directory: d };
}

/** `http(s)://host[:port][/path]` without a trailing slash; undefined when not such a URL. */
export function normalBaseUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return undefined;
    return url.toString().replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

export function serverKey(server: ServerRef): string {
  return server.kind === 'owned' ? 'owned' : `${server.baseUrl}#${server.passwordRef ?? ''}`;
}
