import { freePort } from './api-process';
import { cliWorld, orchestrator, type CliWorld } from './cli-harness';

const LEAVES = [
  'sessions create', 'sessions list', 'sessions show', 'sessions tail', 'sessions start', 'sessions pause', 'sessions resume', 'sessions cancel',
  'sessions stop', 'sessions retry', 'sessions complete', 'sessions inject', 'tasks retry', 'tasks skip', 'tasks reassign', 'agents list',
  'agents show', 'agents register', 'agents drain', 'agents enable', 'contexts show', 'contexts versions', 'contexts diff', 'contexts patch',
  'events query', 'events export', 'webhooks list', 'webhooks create', 'webhooks delete', 'webhooks deliveries', 'webhooks redeliver',
  'keys list', 'keys create', 'keys revoke', 'projections status', 'projections rebuild', 'projections parked',
];

// Every step spawns the CLI (a node process compiling its sources on first use): seconds each on a busy machine.
jest.setTimeout(300_000);

describe('given the orchestrator CLI and a running api: help and errors', () => {
  let w: CliWorld;

  beforeAll(async () => {
    w = await cliWorld();
  });

  afterAll(async () => {
    await w?.close();
  });

  it('when run with --help, then it names itself orchestrator and lists every command; a group and a command have their own help', async () => {
    const help = await orchestrator(['--help'], {});
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: orchestrator <command>/);
    for (const leaf of LEAVES) expect(help.stdout).toMatch(new RegExp(`^  ${leaf} `, 'm'));
    expect(help.stdout).toContain('ORCH_API_URL');
    const group = await orchestrator(['sessions', '--help'], {});
    expect(group.code).toBe(0);
    expect(group.stdout).toMatch(/^Usage: orchestrator sessions <command>/);
    const leaf = await orchestrator(['sessions', 'start', '--help'], {});
    expect(leaf.code).toBe(0);
    expect(leaf.stdout).toMatch(/^Usage: orchestrator sessions start <sessionId> --reason <text>[\s\S]*--json/);
  });

  it('when the key is wrong, the action has no reason, the id is unknown or the api is not there, then the exit code and the message say so, with a hint', async () => {
    const refused = await w.run(['sessions', 'list'], 'orch_not-a-real-key-at-all-really');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: .*\(AUTH\.UNAUTHENTICATED, HTTP 401\)/);
    expect(refused.stderr).toMatch(/hint: the api refused the key from ORCH_API_KEY/);
    const before = await w.log.count();
    const noReason = await w.run(['sessions', 'start', '0190f5d2-8a4b-7c3d-9e1f-123456789abc']);
    expect(noReason).toMatchObject({ code: 2, stderr: expect.stringMatching(/--reason is required/) });
    const unknown = await w.run(['sessions', 'start', '0190f5d2-8a4b-7c3d-9e1f-123456789abc', '--reason', 'try']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/HTTP 404\)[\s\S]*hint: check the id/);
    expect(await w.log.count()).toBe(before);
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const away = await orchestrator(['agents', 'list'], { ORCH_API_URL: nobody, ORCH_API_KEY: w.api.adminKey });
    expect(away).toMatchObject({ code: 1, stderr: expect.stringContaining(`cannot reach the api at ${nobody}: ECONNREFUSED`) });
    const noKey = await orchestrator(['agents', 'list'], { ORCH_API_URL: w.origin });
    expect(noKey).toMatchObject({ code: 2, stderr: expect.stringMatching(/no API key[\s\S]*ORCH_API_KEY/) });
  });
});
