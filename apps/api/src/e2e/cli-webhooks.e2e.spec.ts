import { createServer, type Server } from 'node:http';
import { cliWorld, plan, type Answer, type CliWorld } from './cli-harness';
import { client } from './http-client';

// Every step spawns the CLI (a node process compiling its sources on first use): seconds each on a busy machine.
jest.setTimeout(300_000);

describe('given the orchestrator CLI, a running api whose webhooks give up after one attempt, and a receiver that always fails', () => {
  let w: CliWorld;
  let receiver: Server;
  let receiverUrl: string;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(500).end('no'));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
    w = await cliWorld();
  });

  afterAll(async () => {
    await w?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('when a webhook is created, its deliveries die, one is redelivered and the webhook is deleted, then the server shows each step', async () => {
    const hook = await w.ok<Answer & { secret: string }>(['webhooks', 'create', '--target', receiverUrl, '--events', 'SessionCreated']);
    expect(hook.secret.length).toBeGreaterThan(20);
    expect((await w.ok<{ items: { id: string; status: string }[] }>(['webhooks', 'list'])).items).toContainEqual(expect.objectContaining({ id: hook.id, status: 'active' }));
    await w.createSession('Announced', plan({ id: 'x' }));
    let dead: { id: string; status: string }[] = [];
    while (dead.length === 0) {
      dead = (await w.ok<{ items: { id: string; status: string }[] }>(['webhooks', 'deliveries', hook.id, '--status', 'dead'])).items;
      if (dead.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const letters = await w.ok<{ items: { id: string }[] }>(['webhooks', 'deliveries', '--dead-letters']);
    expect(letters.items.map((d) => d.id)).toContain(dead[0]?.id);
    const redelivered = await w.ok<{ id: string; status: string }>(['webhooks', 'redeliver', dead[0]?.id ?? '']);
    expect(redelivered).toMatchObject({ id: dead[0]?.id, status: 'pending' });
    const log = await client(w.api.baseUrl, w.api.adminKey).get<{ items: { id: string; redeliveries: number }[] }>(`/webhooks/${hook.id}/deliveries`);
    expect(log.body.items.find((d) => d.id === dead[0]?.id)?.redeliveries).toBe(1);
    const deleted = await w.ok(['webhooks', 'delete', hook.id, '--reason', 'receiver retired']);
    // Read your write: the webhooks read model may not have the deletion yet.
    expect((await client(w.api.baseUrl, w.api.adminKey).get<{ status: string }>(`/webhooks/${hook.id}?minPosition=${deleted.position}`)).body).toMatchObject({ status: 'deleted' });
  });
});
