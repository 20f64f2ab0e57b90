import { cliWorld, type Answer, type CliWorld } from './cli-harness';
import { client } from './http-client';

// Every step spawns the CLI (a node process compiling its sources on first use): seconds each on a busy machine.
jest.setTimeout(300_000);

describe('given the orchestrator CLI and a running api: contexts', () => {
  let w: CliWorld;

  beforeAll(async () => {
    w = await cliWorld();
  });

  afterAll(async () => {
    await w?.close();
  });

  it('when a context is patched, then show, show --version, versions and diff tell its history', async () => {
    const created = await client(w.api.baseUrl, w.api.adminKey).post<Answer>('/contexts', { scope: 'global', document: { decisions: { db: 'postgres' } } });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const written = await w.ok(['contexts', 'patch', id, '--expected-version', '1', '--set', 'decisions.cache="redis"']);
    const shown = await w.ok<{ version: number; document: unknown }>(['contexts', 'show', id, '--min-position', String(written.position)]);
    expect(shown).toMatchObject({ version: 2, document: { decisions: { db: 'postgres', cache: 'redis' } } });
    expect(await w.ok(['contexts', 'show', id, '--version', '1'])).toMatchObject({ version: 1, document: { decisions: { db: 'postgres' } } });
    const versions = await w.ok<{ items: { version: number }[] }>(['contexts', 'versions', id]);
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);
    const diff = await w.run(['contexts', 'diff', id, '--from', '1', '--to', '2']);
    expect(diff).toMatchObject({ code: 0, stdout: expect.stringContaining('+ decisions.cache "redis"') });
    const stale = await w.run(['contexts', 'patch', id, '--expected-version', '1', '--delete', 'decisions.db']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/HTTP 409/);
    expect((await w.log.stream(`context-${id}`)).length).toBe(2);
  });
});
