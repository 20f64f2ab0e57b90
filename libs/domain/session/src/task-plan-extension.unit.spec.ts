import { addMs } from '@orch/kernel';
import { spec } from '@orch/kernel/testing';
import { agentPlanTask } from '@orch/domain-planning';
import { sessionDecider } from './session.decide';
import { completeTask } from './testing/commands.mother';
import { checkpoint, created, planned, prepared, ready, running, started, taskCompleted } from './testing/events.mother';
import { AGENT_A, COMMIT_1, NOW, T0 } from './testing/session.mother';

/** An agent-mode session whose `plan` task runs attempt 1 on AGENT_A (DOMAIN.md §3.1). */
const planning = [
  created({ planning: { mode: 'agent' } }),
  planned([agentPlanTask()]),
  started(T0),
  prepared(),
  ready('plan'),
  ...running('plan'),
];

describe('Agent extension of the plan (DOMAIN.md §3.1)', () => {
  it('given a running plan task, when it completes with a valid proposal, then completed, checkpoint, plan extended, ready', () => {
    const proposedTasks = [
      { id: 'impl', title: 'Implement', capabilities: ['code_generation'] },
      { id: 'test', title: 'Test', capabilities: ['testing'], dependsOn: [{ taskId: 'impl' }] },
    ];
    spec(sessionDecider)
      .given(planning)
      .when(completeTask('plan', { proposedTasks }))
      .thenMatches((events) => {
        expect(events.map((event) => event.type)).toEqual(['TaskCompleted', 'CheckpointRecorded', 'SessionPlanExtended', 'TaskReady']);
        expect(events.slice(0, 2)).toEqual([taskCompleted('plan', AGENT_A, 1, NOW), checkpoint(1, 'plan', COMMIT_1, NOW)]);
        expect(events[2]).toMatchObject({
          type: 'SessionPlanExtended',
          data: {
            planVersion: 2,
            byTaskId: 'plan',
            agentId: AGENT_A,
            tasks: [
              { id: 'impl', dependsOn: [{ taskId: 'plan', optional: false }] },
              { id: 'test', dependsOn: [{ taskId: 'impl', optional: false }, { taskId: 'plan', optional: false }] },
            ],
          },
        });
        expect(events[3]).toEqual(ready('impl', NOW));
      });
  });

  it('given a running plan task, when it completes without proposed tasks, then TaskFailed PLAN.EMPTY, retryable, and the session degrades', () => {
    spec(sessionDecider)
      .given(planning)
      .when(completeTask('plan'))
      .thenMatches((events) => {
        expect(events[0]).toMatchObject({
          type: 'TaskFailed',
          data: { taskId: 'plan', agentId: AGENT_A, attempt: 1, code: 'PLAN.EMPTY', retryable: true, retryAt: addMs(NOW, 5000) },
        });
        expect(events.map((event) => event.type)).toEqual(['TaskFailed', 'SessionDegraded']);
      });
  });

  it('given a running plan task, when it proposes a cycle, then TaskFailed carries PLAN.CYCLE and its details', () => {
    const proposedTasks = [
      { id: 'x', title: 'X', capabilities: ['code_generation'], dependsOn: [{ taskId: 'y' }] },
      { id: 'y', title: 'Y', capabilities: ['code_generation'], dependsOn: [{ taskId: 'x' }] },
    ];
    spec(sessionDecider)
      .given(planning)
      .when(completeTask('plan', { proposedTasks }))
      .thenMatches((events) =>
        expect(events[0]).toMatchObject({ type: 'TaskFailed', data: { code: 'PLAN.CYCLE', retryable: true, details: { cycle: ['x', 'y', 'x'] } } }),
      );
  });

  it('given a running plan task, when it proposes an id that collides, then TaskFailed PLAN.DUPLICATE_TASK_ID', () => {
    spec(sessionDecider)
      .given(planning)
      .when(completeTask('plan', { proposedTasks: [{ id: 'plan', title: 'Again', capabilities: ['code_generation'] }] }))
      .thenMatches((events) => expect(events[0]).toMatchObject({ type: 'TaskFailed', data: { code: 'PLAN.DUPLICATE_TASK_ID' } }));
  });
});
