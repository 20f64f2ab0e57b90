const HTTP_URL = /^(https?):\/\/([^/:?#@\s]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?([/?#]\S*)?$/;
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;
const MAX_URL_LENGTH = 2048;

/** An absolute http(s) URL without credentials; `null` otherwise. */
export function parseHttpUrl(url: unknown): { readonly scheme: 'http' | 'https'; readonly host: string } | null {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) return null;
  const match = HTTP_URL.exec(url);
  return match ? { scheme: match[1] as 'http' | 'https', host: match[2] } : null;
}

/** https everywhere; plain http only to loopback (DOMAIN.md §4.2, http runtime). */
export function isHttpsOrLoopback(url: unknown): boolean {
  const parsed = parseHttpUrl(url);
  return parsed !== null && (parsed.scheme === 'https' || LOOPBACK.test(parsed.host));
}
