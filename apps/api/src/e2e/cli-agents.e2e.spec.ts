import { cliWorld, type CliWorld } from './cli-harness';

// Every step spawns the CLI (a node process compiling its sources on first use): seconds each on a busy machine.
jest.setTimeout(300_000);

describe('given the orchestrator CLI and a running api: agents', () => {
  let w: CliWorld;

  beforeAll(async () => {
    w = await cliWorld();
  });

  afterAll(async () => {
    await w?.close();
  });

  it('when an agent is registered, listed, shown, drained and enabled, then the registry follows each step', async () => {
    const registered = await w.ok(['agents', 'register', '--name', 'builder', '--type', 'implementer', '--capabilities', 'code_generation,testing', '--runtime', 'scripted', '--runtime-config', '{"scenario":"default"}', '--capacity', '5']);
    const agentId = registered.id;
    const page = await w.ok<{ items: { id: string; name: string; status: string }[] }>(['agents', 'list', '--min-position', String(registered.position)]);
    expect(page.items).toContainEqual(expect.objectContaining({ id: agentId, name: 'builder' }));
    const drained = await w.ok(['agents', 'drain', agentId, '--reason', 'maintenance']);
    expect(await w.ok<{ status: string }>(['agents', 'show', agentId, '--min-position', String(drained.position)])).toMatchObject({ status: 'draining' });
    const enabled = await w.ok(['agents', 'enable', agentId, '--reason', 'back']);
    const shown = await w.run(['agents', 'show', agentId, '--min-position', String(enabled.position)]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/name\s+builder[\s\S]*status\s+(active|idle)/);
    const events = await w.log.stream(`agent-${agentId}`);
    expect(events.map((event) => event.metadata['reason'])).toEqual(expect.arrayContaining(['maintenance', 'back']));
  });
});
