import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliWorld, type Answer, type CliWorld } from './cli-harness';
import { client } from './http-client';

// Every step spawns the CLI (a node process compiling its sources on first use): seconds each on a busy machine.
jest.setTimeout(300_000);

describe('given the orchestrator CLI and a running api: events query and export', () => {
  let w: CliWorld;
  const outDir = mkdtempSync(join(tmpdir(), 'orch-cli-export-'));

  beforeAll(async () => {
    w = await cliWorld();
  });

  afterAll(async () => {
    await w?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('when the event log is queried with every filter and exported, then the answers are exactly the matching events, as JSON lines', async () => {
    const correlationId = 'cli-e2e-correlation-0001';
    const tagged = await client(w.api.baseUrl, w.api.adminKey).post<Answer>('/sessions', { title: 'Correlated', prompt: 'p' }, { 'x-correlation-id': correlationId });
    expect(tagged.status).toBe(201);
    const stream = `session-${tagged.body.id}`;
    const byCorrelation = await w.ok<{ items: { streamName: string; correlationId: string }[] }>(['events', 'query', '--correlation-id', correlationId, '--min-position', String(tagged.body.position)]);
    expect(byCorrelation.items.map((e) => e.streamName)).toContain(stream);
    expect(new Set(byCorrelation.items.map((e) => e.correlationId))).toEqual(new Set([correlationId]));
    const filtered = await w.ok<{ items: { type: string; position: number; recordedAt: string }[] }>([
      'events', 'query', '--stream', stream, '--category', 'session', '--type', 'SessionCreated,SessionStarted', '--actor-kind', 'user',
      '--since', '2000-01-01T00:00:00Z', '--until', '2999-01-01T00:00:00Z', '--after', '0', '--before', String(tagged.body.position + 1), '--order', 'desc', '--limit', '5',
    ]);
    expect(filtered.items.map((e) => e.type)).toEqual(['SessionCreated']);
    const byActor = await w.ok<{ items: { actor: string }[] }>(['events', 'query', '--category', 'apikey', '--limit', '1']);
    const actor = byActor.items[0]?.actor ?? '';
    const mine = await w.ok<{ items: { actor: string }[] }>(['events', 'query', '--actor', actor, '--limit', '500']);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(new Set(mine.items.map((e) => e.actor))).toEqual(new Set([actor]));

    const all: unknown[] = [];
    for (let after = 0; ; ) {
      const page = await client(w.api.baseUrl, w.api.adminKey).get<{ items: { position: number }[]; next: number | null }>(`/events?category=session&limit=500&after=${after}`);
      all.push(...page.body.items);
      if (page.body.next === null) break;
      after = page.body.next;
    }
    const out = join(outDir, 'sessions.jsonl');
    const exported = await w.run(['events', 'export', '--category', 'session', '--out', out]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe('');
    expect(exported.stderr).toMatch(new RegExp(`exported ${all.length} events .*to ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    expect(readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line))).toEqual(all);
    const toStdout = await w.run(['events', 'export', '--stream', stream]);
    const ofStream = await client(w.api.baseUrl, w.api.adminKey).get<{ items: { position: number }[] }>(`/events?stream=${stream}&limit=500`);
    expect(ofStream.body.items.length).toBeGreaterThan(0);
    expect(toStdout.stdout.trim().split('\n').map((line) => JSON.parse(line) as { position: number })).toEqual(ofStream.body.items);
  });
});
