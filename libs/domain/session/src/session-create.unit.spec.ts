import { spec } from '@orch/kernel/testing';
import { agentPlanTask, templateTasks } from '@orch/domain-planning';
import { sessionDecider } from './session.decide';
import type { CreateSessionData } from './session.commands';
import { SETTINGS, created } from './testing/events.mother';
import { historyIn } from './testing/histories.mother';
import { NOW, PARENT_ID, SESSION_ID, TENANT, command, taskSpec } from './testing/session.mother';

const create = (data: Partial<CreateSessionData> = {}) =>
  command('CreateSession', { title: ' Add OAuth login ', prompt: 'Add an OAuth login to the web app', ...data } as CreateSessionData, {
    reason: '',
  });

describe('CreateSession (DOMAIN.md §2.1, §3.1)', () => {
  it('given nothing, when created with the minimum, then SessionCreated with defaults and the feature template planned', () => {
    spec(sessionDecider)
      .given([])
      .when(create())
      .then([
        { type: 'SessionCreated', data: { sessionId: SESSION_ID, tenantId: TENANT, ...SETTINGS, at: NOW } },
        { type: 'SessionPlanned', data: { planVersion: 1, source: 'template', template: 'feature', tasks: templateTasks('feature'), at: NOW } },
      ]);
  });

  it('normalises tags (lower-cased, duplicates dropped in order) and defaults baseRef to HEAD', () => {
    spec(sessionDecider)
      .given([])
      .when(create({ tags: ['API', 'ui', 'api'], repository: { source: 'git@github.com:acme/app.git' } }))
      .thenMatches((events) =>
        expect(events[0]?.data).toMatchObject({ tags: ['api', 'ui'], repository: { source: 'git@github.com:acme/app.git', baseRef: 'HEAD' } }),
      );
  });

  it('resolves the auto template from the title and prompt, and keeps the requested mode', () => {
    spec(sessionDecider)
      .given([])
      .when(create({ planning: { mode: 'template', template: 'auto' } }))
      .thenMatches((events) => {
        expect(events[0]?.data).toMatchObject({ planning: { mode: 'template', template: 'auto' } });
        expect(events[1]?.data).toMatchObject({ source: 'template', template: 'security' });
      });
  });

  it('plans explicit tasks and the single plan task of agent mode', () => {
    spec(sessionDecider)
      .given([])
      .when(create({ planning: { mode: 'explicit', tasks: [{ id: 'a', title: 'Do a', capabilities: ['code_generation'] }] } }))
      .thenMatches((events) => expect(events[1]?.data).toEqual({ planVersion: 1, source: 'explicit', tasks: [taskSpec('a')], at: NOW }));
    spec(sessionDecider)
      .given([])
      .when(create({ planning: { mode: 'agent' } }))
      .thenMatches((events) => expect(events[1]?.data).toEqual({ planVersion: 1, source: 'agent', tasks: [agentPlanTask()], at: NOW }));
  });

  it.each([
    ['title', { title: '   ' }],
    ['title', { title: 'x'.repeat(201) }],
    ['description', { description: 'x'.repeat(2001) }],
    ['prompt', { prompt: '' }],
    ['sessionType', { sessionType: 'chat' as never }],
    ['priority', { priority: 5 }],
    ['priority', { priority: 1.5 }],
    ['tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
    ['tags[0]', { tags: ['-bad'] }],
    ['parentId', { parentId: 'not-a-uuid' }],
    ['repository.source', { repository: { source: '/srv/../etc' } }],
    ['repository.source', { repository: { source: 'ftp://example.com/repo' } }],
    ['repository.baseRef', { repository: { source: 'https://example.com/r.git', baseRef: 'main..dev' } }],
    ['maxDurationSeconds', { maxDurationSeconds: 59 }],
    ['maxDurationSeconds', { maxDurationSeconds: 86_401 }],
    ['budgetUsd', { budgetUsd: 0.001 }],
    ['budgetUsd', { budgetUsd: 1.005 }],
    ['cpuLimit', { cpuLimit: 8.5 }],
    ['memoryLimitMb', { memoryLimitMb: 99 }],
    ['modelIdentifier', { modelIdentifier: 'gpt' }],
    ['agentPreference.agentType', { agentPreference: { agentType: 'wizard' as never } }],
    ['agentPreference.agentIds', { agentPreference: { agentIds: Array.from({ length: 11 }, () => PARENT_ID) } }],
  ])('given nothing, when %s is invalid (%o), then COMMAND.FIELD_INVALID', (field, data) => {
    spec(sessionDecider).given([]).when(create(data)).thenThrows('COMMAND.FIELD_INVALID', { field });
  });

  it('names the rule and the limit of a broken field', () => {
    spec(sessionDecider)
      .given([])
      .when(create({ maxDurationSeconds: 10 }))
      .thenThrows('COMMAND.FIELD_INVALID', { field: 'maxDurationSeconds', rule: 'integer range', limit: '60..86400' });
  });

  it.each(['Test session', '  NEW   session ', 'Untitled', 'coding\ttask', 'Development Session'])(
    'given nothing, when titled %j, then SESSION.TITLE_TOO_GENERIC',
    (title) => {
      spec(sessionDecider).given([]).when(create({ title })).thenThrows('SESSION.TITLE_TOO_GENERIC');
    },
  );

  it('given nothing, when the parent is unknown, then SESSION.PARENT_NOT_FOUND', () => {
    spec(sessionDecider)
      .given([])
      .when(create({ parentId: PARENT_ID, parentStatus: null }))
      .thenThrows('SESSION.PARENT_NOT_FOUND', { parentId: PARENT_ID });
  });

  it('given nothing, when the parent has ended, then SESSION.PARENT_ENDED', () => {
    spec(sessionDecider)
      .given([])
      .when(create({ parentId: PARENT_ID, parentStatus: 'stopped' }))
      .thenThrows('SESSION.PARENT_ENDED', { parentId: PARENT_ID, parentStatus: 'stopped' });
  });

  it('given nothing, when the parent is running, then the child records its parent', () => {
    spec(sessionDecider)
      .given([])
      .when(create({ parentId: PARENT_ID, parentStatus: 'running' }))
      .thenMatches((events) => expect(events[0]?.data).toMatchObject({ parentId: PARENT_ID }));
  });

  it('given an existing session, when created again, then SESSION.ALREADY_EXISTS', () => {
    spec(sessionDecider).given([created()]).when(create()).thenThrows('SESSION.ALREADY_EXISTS', { sessionId: SESSION_ID });
  });

  it('given nothing, when the template is unknown, then PLAN.UNKNOWN_TEMPLATE', () => {
    spec(sessionDecider)
      .given([])
      .when(create({ planning: { mode: 'template', template: 'blog' } }))
      .thenThrows('PLAN.UNKNOWN_TEMPLATE', { template: 'blog' });
  });
});

describe('ReplacePlan (DOMAIN.md §3.1)', () => {
  const replace = (tasks: unknown[]) => command('ReplacePlan', { tasks: tasks as never });

  it('given a pending session, when the plan is replaced, then SessionPlanned by the operator, version 2', () => {
    spec(sessionDecider)
      .given(historyIn('pending'))
      .when(replace([{ id: 'x', title: 'Do x', capabilities: ['code_generation'] }]))
      .then([{ type: 'SessionPlanned', data: { planVersion: 2, source: 'operator', tasks: [taskSpec('x')], at: NOW } }]);
  });

  it('given a pending session, when the new plan has a cycle, then the PLAN code', () => {
    spec(sessionDecider)
      .given(historyIn('queued'))
      .when(
        replace([
          { id: 'x', title: 'X', capabilities: ['code_generation'], dependsOn: [{ taskId: 'y' }] },
          { id: 'y', title: 'Y', capabilities: ['code_generation'], dependsOn: [{ taskId: 'x' }] },
        ]),
      )
      .thenThrows('PLAN.CYCLE', { cycle: ['x', 'y', 'x'] });
  });

  it('given a template-mode session, when the new plan has a plan task, then PLAN.TASK_INVALID', () => {
    spec(sessionDecider)
      .given(historyIn('pending'))
      .when(replace([{ id: 'p', title: 'Plan', capabilities: ['task_decomposition'], kind: 'plan' }]))
      .thenThrows('PLAN.TASK_INVALID', { taskId: 'p', field: 'kind' });
  });
});
