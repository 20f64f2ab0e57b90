// `npm run screenshots`: every view of the dashboard, in Debian's headless chromium, against a
// fresh api (its own test database) seeded with the scripted fleet: one completed session, one
// failed, one running, one pending, a webhook. Writes docs/screenshots/*.png.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startApi } from '../../apps/api/src/e2e/api-process';
import { dashboardOrigin, launchChromium, signIn } from '../../apps/api/src/e2e/dashboard-browser';
import { client } from '../../apps/api/src/e2e/http-client';

const root = join(__dirname, '..', '..');
const out = join(root, 'docs', 'screenshots');
const log = (line: string) => process.stdout.write(`[screenshots] ${line}\n`);

async function main(): Promise<void> {
  execFileSync(process.execPath, ['tools/scripts/build-dashboard.js'], { cwd: root, stdio: 'inherit' });
  mkdirSync(out, { recursive: true });
  const api = await startApi({ ORCH_SCRIPTED_AGENTS: 'true', ORCH_SCRIPTED_STEP_MS: '120', LOG_LEVEL: 'error' });
  const browser = await launchChromium();
  try {
    const admin = client(api.baseUrl, api.adminKey);
    // The engine registers the scripted fleet as it starts: sessions start once it is there.
    for (let i = 0; i < 120 && ((await admin.get<{ items: unknown[] }>('/agents')).body.items?.length ?? 0) < 4; i++) await new Promise((resolve) => setTimeout(resolve, 500));
    const create = async (title: string, prompt: string, template = 'feature', start = true) => {
      const id = (await admin.post<{ id: string }>('/sessions', { title, prompt, planning: { mode: 'template', template }, tags: ['demo'] })).body.id;
      if (start) {
        const reply = await admin.post(`/sessions/${id}/start`, { reason: 'screenshot seed' });
        if (reply.status !== 200) throw new Error(`could not start ${title}: ${reply.status} ${JSON.stringify(reply.body)}`);
      }
      return id;
    };
    const done = await create('Add rate limiting to the login endpoint', 'Limit login attempts per IP', 'feature');
    const failed = await create('Harden the session cookies', 'Set secure flags [script:fail@implement]', 'security');
    const running = await create('Split the billing service', 'Carve billing out [script:hang@data]', 'microservice');
    await create('Refactor the report builder', 'Clean up the report builder', 'refactoring', false);
    await admin.post('/webhooks', { url: 'http://127.0.0.1:9/hooks/orch', eventTypes: ['SessionCompleted', 'TaskFailed'] });
    const auditorKey = (await admin.post<{ key: string }>('/keys', { name: 'auditor', role: 'auditor' })).body.key;
    await waitFor(admin, done, ['completed']);
    await waitFor(admin, failed, ['failed', 'partially_completed']);
    log('seeded');

    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
    await page.goto(`${dashboardOrigin(api.baseUrl)}/`);
    await page.getByLabel('API key').waitFor();
    await shot(page, 'sign-in');
    await signIn(page, api.baseUrl, api.adminKey);
    await go(page, '/');
    await shot(page, 'control-room');
    await go(page, '/sessions');
    await shot(page, 'sessions');
    await go(page, `/sessions/${done}`);
    await page.getByTestId('session-status').waitFor();
    await page.locator('[data-testid="task-graph"] g.node[data-task-id="implement"]').click();
    await page.getByTestId('diff').waitFor({ timeout: 10_000 }).catch(() => undefined);
    await shot(page, 'session-detail');
    const scrubber = page.getByTestId('scrubber');
    await scrubber.focus();
    await scrubber.press('Home');
    for (let i = 0; i < 12; i++) await scrubber.press('ArrowRight');
    await page.getByTestId('replay-banner').waitFor();
    await page.waitForTimeout(500);
    await shot(page, 'session-replay');
    await go(page, `/sessions/${running}`);
    await page.getByTestId('session-status').waitFor();
    await shot(page, 'session-running');
    await go(page, '/agents');
    await page.locator('[data-view="agents"] tbody tr').first().click();
    await shot(page, 'agents');
    await go(page, `/contexts/${done}`);
    await page.getByTestId('context-document').waitFor();
    await shot(page, 'context');
    await go(page, '/events');
    await shot(page, 'event-log-audit');
    await page.getByRole('button', { name: 'all events' }).click();
    await shot(page, 'event-log-events');
    await go(page, '/integrations');
    await page.locator('[data-view="integrations"] tbody tr').first().click();
    await shot(page, 'integrations');

    const auditorContext = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const auditor = await auditorContext.newPage();
    await signIn(auditor, api.baseUrl, auditorKey);
    await go(auditor, `/sessions/${failed}`);
    await auditor.getByTestId('session-status').waitFor();
    await shot(auditor, 'auditor-session-detail');
    log(`wrote ${out}`);
  } finally {
    await browser.close();
    await api.stop();
  }
}

async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => (window.history.pushState(null, '', to), window.dispatchEvent(new PopStateEvent('popstate'))), path);
  await page.locator('[data-view]').first().waitFor();
  await page.waitForTimeout(1200);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(out, `${name}.png`) });
  log(`${name}.png`);
}

async function waitFor(admin: ReturnType<typeof client>, id: string, statuses: string[]): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const session = await admin.get<{ status: string }>(`/sessions/${id}`);
    if (session.status === 200 && statuses.includes(session.body.status)) return;
    if (Date.now() > deadline) throw new Error(`session ${id} did not reach ${statuses.join('/')}: ${session.body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
