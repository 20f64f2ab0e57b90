import { cliWorld, orchestrator, type CliWorld } from './cli-harness';
import { client } from './http-client';

// Every step spawns the CLI (a node process compiling its sources on first use): seconds each on a busy machine.
jest.setTimeout(300_000);

describe('given the orchestrator CLI and a running api: projections on its database', () => {
  let w: CliWorld;

  beforeAll(async () => {
    w = await cliWorld();
  });

  afterAll(async () => {
    await w?.close();
  });

  it('when projections are inspected and rebuilt on the api\'s database, then status, rebuild and parked answer for it', async () => {
    const { id: agentId } = await w.registerAgent();
    const db = { DATABASE_URL: w.api.databaseUrl };
    const status = await orchestrator(['projections', 'status', '--json'], db);
    expect(status.code).toBe(0);
    expect((JSON.parse(status.stdout) as { projector: string }[]).map((row) => row.projector)).toContain('sessions');
    const rebuilt = await orchestrator(['projections', 'rebuild', 'agents'], db);
    expect(rebuilt).toMatchObject({ code: 0, stderr: expect.stringMatching(/agents/) });
    const parked = await orchestrator(['projections', 'parked', '--json'], db);
    expect(parked.code).toBe(0);
    expect(JSON.parse(parked.stdout)).toEqual([]);
    expect((await client(w.api.baseUrl, w.api.adminKey).get<{ items: { id: string }[] }>('/agents')).body.items.map((a) => a.id)).toContain(agentId);
  });
});
