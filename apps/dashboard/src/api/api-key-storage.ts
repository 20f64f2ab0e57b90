/** The API key lives in sessionStorage only: gone when the tab closes, never in localStorage or a cookie. */
const KEY = 'orch.apiKey';

export const apiKeyStorage = {
  read: (): string | null => sessionStorage.getItem(KEY),
  write: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};
