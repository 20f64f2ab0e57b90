import { cliWorld, plan, type CliWorld } from './cli-harness';

// Every step spawns the CLI (a node process compiling its sources on first use): seconds each on a busy machine.
jest.setTimeout(300_000);

describe('given the orchestrator CLI and a running api with a scripted agent (fast steps): sessions and tasks', () => {
  let w: CliWorld;
  let doomed: string;

  beforeAll(async () => {
    w = await cliWorld();
    // The agent that runs every task below (the api registers no scripted agents of its own here).
    await w.registerAgent();
  });

  afterAll(async () => {
    await w?.close();
  });

  it('when a session is created, listed, shown, started and tailed from position 0, then the tail prints its events to the end and exits 0', async () => {
    // One that fails every attempt, started now: `sessions retry` needs a failed session later.
    doomed = (await w.createSession('Doomed', plan({ id: 'only', description: '[script:fail]' }))).id;
    await w.ok(['sessions', 'start', doomed, '--reason', 'will fail']);

    const created = await w.createSession('Rate limiting', plan({ id: 'api' }, { id: 'docs', dependsOn: ['api'] }));
    const listed = await w.ok<{ items: { id: string; title: string }[] }>(['sessions', 'list', '--text', 'rate', '--min-position', String(created.position)]);
    expect(listed.items.map((item) => item.id)).toEqual([created.id]);
    const shown = await w.ok<{ title: string; tasks: { id: string }[] }>(['sessions', 'show', created.id, '--min-position', String(created.position)]);
    expect(shown).toMatchObject({ title: 'Rate limiting' });
    expect(shown.tasks.map((task) => task.id)).toEqual(['api', 'docs']);
    await w.ok(['sessions', 'start', created.id, '--reason', 'ticket 4711']);
    const tail = await w.run(['sessions', 'tail', created.id, '--from', '0']);
    expect(tail.code).toBe(0);
    expect(tail.stdout).toMatch(/SessionCreated[\s\S]*SessionStarted.*\(reason: ticket 4711\)[\s\S]*TaskCompleted \[api\][\s\S]*TaskCompleted \[docs\][\s\S]*SessionCompleted\n$/);
    expect((await w.sessionEvents(created.id)).at(-1)?.type).toBe('SessionCompleted');
    const jsonLines = await w.run(['sessions', 'tail', created.id, '--json']);
    const events = jsonLines.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; stream: string });
    expect(events.at(-1)).toMatchObject({ type: 'SessionCompleted', stream: `session-${created.id}` });
  });

  it('when an operator pauses, resumes, injects, skips, reassigns and stops, then each is recorded with its reason', async () => {
    const { id } = await w.createSession('Steering', plan({ id: 'stuck', description: '[script:hang]' }, { id: 'later', dependsOn: ['stuck'] }));
    await w.ok(['sessions', 'start', id, '--reason', 'go']);
    await w.waitFor(`session-${id}`, (event) => event.type === 'TaskStarted');
    let before = (await w.sessionEvents(id)).length;
    await w.ok(['sessions', 'pause', id, '--reason', 'lunch']);
    await w.actionRecorded(id, before, 'SessionPaused', 'lunch');
    before = (await w.sessionEvents(id)).length;
    await w.ok(['sessions', 'resume', id, '--reason', 'after lunch']);
    await w.actionRecorded(id, before, 'SessionResumed', 'after lunch');
    before = (await w.sessionEvents(id)).length;
    const injected = await w.run(['sessions', 'inject', id, '--text', 'use a token bucket', '--task', 'stuck', '--reason', 'hint']);
    expect(injected).toMatchObject({ code: 0, stdout: expect.stringMatching(/^prompt injected: /) });
    expect((await w.sessionEvents(id)).slice(before).find((event) => event.data['text'] === 'use a token bucket')?.metadata).toMatchObject({ reason: 'hint' });
    before = (await w.sessionEvents(id)).length;
    await w.ok(['tasks', 'skip', id, 'later', '--reason', 'not needed']);
    await w.actionRecorded(id, before, 'TaskSkipped', 'not needed');
    before = (await w.sessionEvents(id)).length;
    await w.ok(['tasks', 'reassign', id, 'stuck', '--reason', 'another agent']);
    await w.actionRecorded(id, before, 'TaskReassigned', 'another agent');
    before = (await w.sessionEvents(id)).length;
    await w.ok(['sessions', 'stop', id, '--reason', 'enough']);
    await w.actionRecorded(id, before, 'SessionStopped', 'enough');
    const again = await w.run(['sessions', 'pause', id, '--reason', 'too late']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/SESSION\.ILLEGAL_TRANSITION[\s\S]*hint: the session is not in a state that allows this action/);
  });

  it('when a task has failed, then tasks retry retries it; sessions complete force-completes the session; a pending one is cancelled', async () => {
    const { id } = await w.createSession('Flaky', plan({ id: 'a', description: '[script:fail@a]' }, { id: 'b', description: '[script:hang@b]' }, { id: 'c' }));
    await w.ok(['sessions', 'start', id, '--reason', 'go']);
    await w.waitFor(`session-${id}`, (event) => event.type === 'TaskFailed' && event.data['taskId'] === 'a');
    // Force-completing needs one completed task (the directives above name their task: every task reads the whole plan).
    await w.waitFor(`session-${id}`, (event) => event.type === 'TaskCompleted' && event.data['taskId'] === 'c');
    let before = (await w.sessionEvents(id)).length;
    await w.ok(['tasks', 'retry', id, 'a', '--reason', 'try now']);
    await w.actionRecorded(id, before, 'TaskRetried', 'try now');
    before = (await w.sessionEvents(id)).length;
    await w.ok(['sessions', 'complete', id, '--reason', 'good enough']);
    await w.actionRecorded(id, before, 'SessionPartiallyCompleted', 'good enough');

    const pending = await w.createSession('Never mind', plan({ id: 'x' }));
    before = (await w.sessionEvents(pending.id)).length;
    await w.ok(['sessions', 'cancel', pending.id, '--reason', 'duplicate']);
    await w.actionRecorded(pending.id, before, 'SessionCancelled', 'duplicate');
  });

  it('when a session has failed every attempt, then sessions retry starts it over', async () => {
    await w.waitFor(`session-${doomed}`, (event) => event.type === 'SessionFailed');
    const before = (await w.sessionEvents(doomed)).length;
    await w.ok(['sessions', 'retry', doomed, '--reason', 'fixed the agent']);
    await w.actionRecorded(doomed, before, 'SessionRetried', 'fixed the agent');
  });
});
