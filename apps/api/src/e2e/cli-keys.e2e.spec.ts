import { cliWorld, type CliWorld } from './cli-harness';
import { client } from './http-client';

// Every step spawns the CLI (a node process compiling its sources on first use): seconds each on a busy machine.
jest.setTimeout(300_000);

describe('given the orchestrator CLI and a running api: keys', () => {
  let w: CliWorld;

  beforeAll(async () => {
    w = await cliWorld();
  });

  afterAll(async () => {
    await w?.close();
  });

  it('when an admin creates, lists and revokes a key, then the key works until it is revoked and the list shows it revoked with the reason', async () => {
    const issued = await w.ok<{ id: string; key: string; prefix: string }>(['keys', 'create', '--name', 'night shift', '--role', 'operator']);
    expect((await client(w.api.baseUrl, issued.key).get('/sessions')).status).toBe(200);
    const listed = await w.ok<{ id: string; name: string; role: string; revokedAt: string | null }[]>(['keys', 'list']);
    expect(listed).toContainEqual(expect.objectContaining({ id: issued.id, name: 'night shift', role: 'operator', prefix: issued.prefix, revokedAt: null }));
    expect(JSON.stringify(listed)).not.toContain(issued.key);
    await w.ok(['keys', 'revoke', issued.id, '--reason', 'shift over']);
    expect((await client(w.api.baseUrl, issued.key).get('/sessions')).status).toBe(401);
    const after = await w.ok<{ id: string; revokedAt: string | null; revokeReason: string | null }[]>(['keys', 'list']);
    expect(after.find((row) => row.id === issued.id)).toMatchObject({ revokedAt: expect.any(String), revokeReason: 'shift over' });
    const table = await w.run(['keys', 'list']);
    expect(table.stdout).toMatch(/night shift\s+operator[\s\S]*revoked .*\(shift over\)/);
  });
});
