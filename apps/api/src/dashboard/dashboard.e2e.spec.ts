import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startApi, type RunningApi } from '../e2e/api-process';
import { dashboardOrigin, launchChromium, signIn } from '../e2e/dashboard-browser';
import { startCuttableProxy } from '../e2e/cuttable-proxy';
import { client } from '../e2e/http-client';
import { seedTimeline } from '../e2e/timeline-seed';

const workspaceRoot = join(__dirname, '..', '..', '..', '..');

// Browser globals used inside page.evaluate callbacks (they run in the page; the api's tsconfig has no DOM lib).
interface PageElement {
  getAttribute(name: string): string | null;
}
declare const window: { orchNoReload?: boolean; history: { pushState(state: null, title: string, url: string): void }; dispatchEvent(event: unknown): boolean };
declare const document: { querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): { length: number } };
declare const PopStateEvent: new (type: string) => unknown;
type Measure = { readonly startTime: number; readonly duration: number };
const TIMELINE_EVENTS = 10_000;

/**
 * The dashboard in a real browser (Debian's chromium, headless) against the real api with the
 * scripted fleet: what an operator and an auditor see and do, without reloading the page.
 */
describe('given the api serving the built dashboard, with the scripted fleet', () => {
  let api: RunningApi;
  let browser: Browser;
  let page: Page;
  let sessionId: string;
  let longSessionId: string;

  beforeAll(async () => {
    execFileSync(process.execPath, ['tools/scripts/build-dashboard.js'], { cwd: workspaceRoot, stdio: 'inherit' });
    api = await startApi({ ORCH_SCRIPTED_AGENTS: 'true', ORCH_SCRIPTED_STEP_MS: '250' });
    // The engine registers the scripted fleet as it starts; sessions are started once it is there.
    const admin = client(api.baseUrl, api.adminKey);
    for (let i = 0; i < 120 && ((await admin.get<{ items: unknown[] }>('/agents')).body.items?.length ?? 0) < 4; i++) await new Promise((resolve) => setTimeout(resolve, 500));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await signIn(page, api.baseUrl, api.adminKey);
    // A marker on the window: if the page ever reloads, it is gone.
    await page.evaluate(() => (window.orchNoReload = true));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  }, 60_000);

  const status = () => page.getByTestId('session-status').getAttribute('data-status');
  const waitForStatus = (expected: string, timeout = 90_000) =>
    page.waitForFunction((value) => document.querySelector('[data-testid="session-status"]')?.getAttribute('data-status') === value, expected, { timeout });

  async function act(label: string, reason: string) {
    await page.locator(`[data-testid="session-actions"] button[data-action="${label}"]:not([disabled])`).click();
    await page.getByLabel('Reason').fill(reason);
    await page.getByRole('button', { name: 'confirm' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  }

  it('when a session is created and started from the UI, then it runs to completed live, and pause and resume with reasons are in the audit trail view', async () => {
    await page.getByRole('link', { name: 'Sessions' }).click();
    await page.getByLabel('title', { exact: true }).fill('Rate limiting from the control room');
    await page.getByLabel('prompt', { exact: true }).fill('Limit login attempts per IP');
    await page.getByRole('button', { name: 'create' }).click();
    await waitForStatus('pending');
    sessionId = (await page.locator('[data-view="session-detail"]').getAttribute('data-session-id')) as string;

    // An illegal transition is disabled and says why.
    expect(await page.locator('button[data-action="resume"]').isDisabled()).toBe(true);
    expect(await page.getByText('not allowed while pending (only from paused)').count()).toBeGreaterThan(0);

    await act('start', 'start it from the e2e');
    await waitForStatus('running');
    await act('pause', 'pause for the e2e');
    await waitForStatus('paused');
    await act('resume', 'resume for the e2e');
    await waitForStatus('completed');

    expect(await page.evaluate(() => window.orchNoReload)).toBe(true);
    expect(await page.getByTestId('connection').getAttribute('data-state')).toBe('live');

    await page.getByRole('link', { name: 'Event log' }).click();
    await page.getByLabel('stream').fill(`session-${sessionId}`);
    const trail = page.getByTestId('audit-trail');
    // One row per event a command appended: a resume that requeues a task has two.
    await trail.locator('tr[data-command="ResumeSession"]').first().waitFor();
    const reasons = await trail.locator('tr[data-command]').evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-command'), row.querySelector('[data-testid="audit-reason"]')?.textContent]));
    expect(reasons).toEqual(
      expect.arrayContaining([
        ['StartSession', 'start it from the e2e'],
        ['PauseSession', 'pause for the e2e'],
        ['ResumeSession', 'resume for the e2e'],
      ]),
    );
    expect(await page.evaluate(() => window.orchNoReload)).toBe(true);
  }, 180_000);

  it('when the replay scrubber is moved back to the plan, then the earlier status shows, and the graph shows every task', async () => {
    await page.getByRole('link', { name: 'Sessions' }).click();
    await page.locator(`tr[data-session-id="${sessionId}"] a`).click();
    await waitForStatus('completed');
    const tasks = (await client(api.baseUrl, api.adminKey).get<{ id: string }[]>(`/sessions/${sessionId}/tasks`)).body.map((task) => task.id);
    expect(tasks.length).toBeGreaterThanOrEqual(4);
    const nodes = await page.locator('[data-testid="task-graph"] g.node').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-task-id'), g.getAttribute('data-status')]));
    expect(nodes).toEqual(tasks.map((id) => [id, 'completed']));

    const scrubber = page.getByTestId('scrubber');
    await scrubber.focus();
    // #0 is SessionCreated, #1 SessionPlanned: the session pending with every task planned.
    await scrubber.press('Home');
    await scrubber.press('ArrowRight');
    await page.getByTestId('replay-banner').waitFor();
    await waitForStatus('pending', 30_000);
    expect(await page.getByTestId('scrubber-position').textContent()).toBe('#1');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="task-graph"] g.node[data-status="pending"]').length === n, tasks.length, { timeout: 30_000 });
    expect(await page.locator('[data-testid="task-graph"] g.node[data-status="pending"]').count()).toBe(tasks.length);
    await page.getByRole('button', { name: 'back to live' }).click();
    await waitForStatus('completed', 30_000);
    expect(await status()).toBe('completed');
  }, 120_000);

  it('when an auditor signs in, then no view shows a command button, and the session is still readable', async () => {
    const admin = client(api.baseUrl, api.adminKey);
    const auditorKey = (await admin.post<{ key: string }>('/keys', { name: 'e2e auditor', role: 'auditor' })).body.key;
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const auditor = await context.newPage();
    try {
      await signIn(auditor, api.baseUrl, auditorKey);
      expect(await auditor.getByTestId('role').textContent()).toBe('auditor');
      for (const path of ['/', '/sessions', `/sessions/${sessionId}`, '/agents', '/events', '/integrations']) {
        await auditor.evaluate((to) => (window.history.pushState(null, '', to), window.dispatchEvent(new PopStateEvent('popstate'))), path);
        await auditor.locator('[data-view]').first().waitFor();
        if (path.startsWith('/sessions/')) await auditor.getByTestId('session-status').waitFor();
        const commands = '[data-action], [data-testid="session-actions"], [data-testid="task-actions"], [data-testid="new-session"], [data-testid="register-webhook"]';
        expect({ path, commandButtons: await auditor.locator(commands).count() }).toEqual({ path, commandButtons: 0 });
      }
    } finally {
      await context.close();
    }
  }, 120_000);

  it('when the control room opens, then it shows the lag of every projector and of the engine of this process', async () => {
    const reading = await client(api.baseUrl, api.adminKey).get<{ running: boolean; position: number | null; eventsBehind: number; queue: { queuedSessions: number; readyTasks: number } | null }>('/engine/status');
    expect(reading.status).toBe(200);
    expect(reading.body).toMatchObject({ running: true, caughtUp: true, coordinationHealthy: true, eventsBehindCapped: false, queue: { queuedSessions: expect.any(Number), readyTasks: expect.any(Number) } });
    expect(reading.body.position).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Control room' }).click();
    await page.locator('[data-testid="engine-status"][data-running="true"]').waitFor();
    expect(await page.getByTestId('engine-lag').textContent()).toMatch(/^\d+\+?$/);
    expect(await page.getByTestId('kpi-engine-lag').textContent()).toMatch(/engine: \d+\+? events behind/);
    expect(await page.getByText('not running here').count()).toBe(0);
  }, 60_000);

  it('when a webhook is registered from the UI, then bad input is refused on its field, the secret shows once, and it can be deleted with a reason', async () => {
    await page.getByRole('link', { name: 'Integrations' }).click();
    const form = page.getByTestId('register-webhook');
    const errorOn = (field: string) => form.locator(`[data-testid="webhook-error"][data-field="${field}"]`);
    // The form's own checks.
    await form.getByLabel('webhook URL').fill('ftp://files.example.com/hook');
    await form.getByLabel('event type prefixes').fill(' ');
    await form.getByRole('button', { name: 'register' }).click();
    expect(await errorOn('url').textContent()).toBe('url: an http(s) URL');
    expect(await errorOn('eventTypes').textContent()).toContain('at least one event type prefix');
    // The api's rule: plain http only to loopback.
    await form.getByLabel('webhook URL').fill('http://hooks.example.com/orch');
    await form.getByLabel('event type prefixes').fill('Session');
    await form.getByRole('button', { name: 'register' }).click();
    await errorOn('url').waitFor();
    expect(await errorOn('url').textContent()).toContain('loopback');
    expect(await errorOn('eventTypes').count()).toBe(0);

    await form.getByLabel('webhook URL').fill('http://127.0.0.1:9/orch-hook');
    await form.getByLabel('event type prefixes').fill('Session, TaskFailed');
    await form.getByRole('button', { name: 'register' }).click();
    const secret = page.getByTestId('webhook-secret');
    await secret.waitFor();
    const webhookId = (await secret.getAttribute('data-webhook-id')) as string;
    expect(await secret.locator('code').textContent()).toMatch(/^whsec_/);
    expect(await page.locator('[data-testid="webhook-error"]').count()).toBe(0);
    const row = page.locator(`tr[data-webhook-id="${webhookId}"]`);
    await page.locator(`tr[data-webhook-id="${webhookId}"][data-status="active"]`).waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('Session, TaskFailed');

    await row.locator('button[data-action="delete"]').click();
    await page.getByLabel('Reason').fill('the e2e is done with it');
    await page.getByRole('button', { name: 'confirm' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.locator(`tr[data-webhook-id="${webhookId}"][data-status="deleted"]`).waitFor({ timeout: 10_000 });
    expect((await client(api.baseUrl, api.adminKey).get<{ status: string }>(`/webhooks/${webhookId}`)).body.status).toBe('deleted');
    expect(await page.evaluate(() => window.orchNoReload)).toBe(true);
  }, 60_000);

  it('when the network drops while a session is open, commands meanwhile go through the api, and it comes back, then the view catches up from its last position without reloading', async () => {
    const admin = client(api.baseUrl, api.adminKey);
    const created = await admin.post<{ id: string }>('/sessions', { title: 'Catch-up after a drop', prompt: 'Run while the dashboard is offline' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const target = new URL(api.baseUrl);
    const proxy = await startCuttableProxy({ host: target.hostname, port: Number(target.port) });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const viewer = await context.newPage();
    const timelineCount = () => viewer.getByTestId('timeline').getAttribute('data-count');
    try {
      await signIn(viewer, `${proxy.origin}/api/v1`, api.adminKey, `/sessions/${id}`);
      await viewer.locator('[data-testid="session-status"][data-status="pending"]').waitFor({ timeout: 30_000 });
      await viewer.locator('[data-testid="connection"][data-state="live"]').waitFor();
      await viewer.waitForFunction(() => Number(document.querySelector('[data-testid="timeline"]')?.getAttribute('data-count')) >= 2);
      const before = Number(await timelineCount());
      // Every state the connection badge shows from here on, and a marker that is gone on a reload.
      await viewer.evaluate(`(() => {
        window.orchNoReload = true;
        const badge = () => document.querySelector('[data-testid="connection"]');
        window.orchStates = [badge().getAttribute('data-state')];
        new MutationObserver(() => {
          const state = badge()?.getAttribute('data-state');
          if (state && window.orchStates[window.orchStates.length - 1] !== state) window.orchStates.push(state);
        }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
      })()`);

      proxy.cut();
      await viewer.locator('[data-testid="connection"][data-state="reconnecting"]').waitFor({ timeout: 20_000 });
      // Meanwhile, through the api: start it; the scripted fleet runs it to completion.
      expect((await admin.post(`/sessions/${id}/start`, { reason: 'started while the dashboard is offline' })).status).toBe(200);
      const deadline = Date.now() + 120_000;
      while ((await admin.get<{ status: string }>(`/sessions/${id}`)).body.status !== 'completed') {
        if (Date.now() > deadline) throw new Error('the session did not complete in 120 s');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const last = await admin.get<{ items: { revision: number }[] }>(`/sessions/${id}/timeline?order=desc&limit=1`);
      const total = (last.body.items[0]?.revision ?? -1) + 1;
      expect(total).toBeGreaterThan(before);
      // Offline, the page still shows what it had.
      expect(await viewer.getByTestId('session-status').getAttribute('data-status')).toBe('pending');
      expect(Number(await timelineCount())).toBe(before);

      proxy.restore();
      await viewer.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 30_000 });
      await viewer.locator('[data-testid="session-status"][data-status="completed"]').waitFor({ timeout: 30_000 });
      // The timeline is not refetched on reconnect: its new entries come from the session room's catch-up.
      await viewer.waitForFunction((n) => document.querySelector('[data-testid="timeline"]')?.getAttribute('data-count') === String(n), total, { timeout: 30_000 });
      const states = (await viewer.evaluate('window.orchStates')) as string[];
      expect(states[0]).toBe('live');
      expect(states.slice(1)).toContain('reconnecting');
      expect(states.at(-1)).toBe('live');
      expect(await viewer.evaluate('window.orchNoReload')).toBe(true);
      expect(await viewer.getByTestId('connection').getAttribute('title')).toMatch(/reconnects [1-9]/);
    } finally {
      await context.close();
      await proxy.close();
    }
  }, 240_000);

  it(`when a session has ${TIMELINE_EVENTS} events, then its timeline renders (time to first render is printed and recorded)`, async () => {
    const admin = client(api.baseUrl, api.adminKey);
    longSessionId = (await admin.post<{ id: string }>('/sessions', { title: 'Ten thousand events', prompt: 'A long timeline' })).body.id;
    await seedTimeline(api.databaseUrl, longSessionId, 'default', TIMELINE_EVENTS - 2);
    // Wait until the read model has every entry before measuring the page.
    const deadline = Date.now() + 400_000;
    for (;;) {
      const last = await admin.get<{ items: { revision: number }[] }>(`/sessions/${longSessionId}/timeline?order=desc&limit=1`);
      if (last.status === 200 && last.body.items[0]?.revision === TIMELINE_EVENTS - 1) break;
      if (Date.now() > deadline) throw new Error('the seeded timeline was not projected in 400 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await page.goto(`${dashboardOrigin(api.baseUrl)}/sessions/${longSessionId}`);
    await page.waitForFunction((n) => document.querySelector('[data-testid="timeline"]')?.getAttribute('data-count') === String(n), TIMELINE_EVENTS, { timeout: 60_000 });
    await page.waitForFunction(() => performance.getEntriesByName('orch:timeline-complete').length > 0);
    const timings = await page.evaluate(() => {
      const first = performance.getEntriesByName('orch:timeline-first-render')[0] as unknown as Measure;
      const complete = performance.getEntriesByName('orch:timeline-complete')[0] as unknown as Measure;
      return { firstRowsFromMountMs: first.duration, firstRowsFromNavigationMs: first.startTime + first.duration, allLoadedFromMountMs: complete.duration, rowsInDom: document.querySelectorAll('[data-testid="timeline"] .item').length };
    });
    // Virtualised: a few dozen rows in the DOM, never 10,000.
    expect(timings.rowsInDom).toBeLessThan(200);
    expect(timings.rowsInDom).toBeGreaterThan(0);
    const line = `dashboard timeline ${TIMELINE_EVENTS} events: first rows ${timings.firstRowsFromMountMs.toFixed(0)} ms after the view mounted (${timings.firstRowsFromNavigationMs.toFixed(0)} ms after navigation), all ${TIMELINE_EVENTS} loaded ${timings.allLoadedFromMountMs.toFixed(0)} ms, ${timings.rowsInDom} rows in the DOM`;
    process.stdout.write(`${line}\n`);
    mkdirSync(join(workspaceRoot, 'tmp'), { recursive: true });
    appendFileSync(join(workspaceRoot, 'tmp', 'dashboard-bench.jsonl'), `${JSON.stringify({ at: new Date().toISOString(), events: TIMELINE_EVENTS, ...timings })}\n`);
  }, 500_000);
});
