import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (infra/scripts/ensure-chromium.sh installs it); CHROMIUM_PATH overrides. Never a downloaded browser. */
export function chromiumPath(): string {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((path): path is string => !!path);
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`no chromium at ${candidates.join(', ')}: run infra/scripts/ensure-chromium.sh (apt-get install chromium)`);
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
}

/** The dashboard's origin for an api base url (`http://host:port/api/v1` → `http://host:port`). */
export const dashboardOrigin = (baseUrl: string) => baseUrl.replace(/\/api\/v1\/?$/, '');

/** Opens the dashboard and signs in with `key` (kept in sessionStorage by the page). */
export async function signIn(page: Page, baseUrl: string, key: string, path = '/'): Promise<void> {
  await page.goto(`${dashboardOrigin(baseUrl)}${path}`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'sign in' }).click();
  await page.getByTestId('role').waitFor();
}
