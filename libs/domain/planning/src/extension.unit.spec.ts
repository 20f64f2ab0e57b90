import { validateExtension } from './extension';
import { agentPlanTask } from './resolve-plan';
import { after, chain, expectPlanError, independentTasks, on, taskInput, taskSpec } from './testing/task-spec.mother';

const PLAN = agentPlanTask();
const existing = [PLAN];
const extend = (proposed: Parameters<typeof validateExtension>[1]) => validateExtension(existing, proposed, 'plan');

describe('validateExtension (DOMAIN.md §3.1 agent extension)', () => {
  describe('given valid proposed tasks', () => {
    it('when validated, then each comes back normalised with a required dependency on the plan task appended', () => {
      expect(extend([taskInput('a', { title: ' A ' }), after('b', 'a')])).toEqual([
        taskSpec('a', { title: 'A', dependsOn: [on('plan')] }),
        taskSpec('b', { dependsOn: [on('a'), on('plan')] }),
      ]);
    });

    it('when a task already lists the plan task, even as optional, then it is made required in place', () => {
      const proposed = [taskInput('a', { dependsOn: [{ taskId: 'plan', optional: true }] }), taskInput('b', { dependsOn: [{ taskId: 'plan' }, { taskId: 'a' }] })];
      expect(extend(proposed)).toEqual([
        taskSpec('a', { dependsOn: [on('plan')] }),
        taskSpec('b', { dependsOn: [on('plan'), on('a')] }),
      ]);
    });

    it('when tasks depend on other existing tasks, then those dependencies are known', () => {
      const earlier = [PLAN, taskSpec('setup')];
      expect(validateExtension(earlier, [after('a', 'setup')], 'plan')).toEqual([taskSpec('a', { dependsOn: [on('setup'), on('plan')] })]);
    });

    it('when given, then the existing tasks are neither returned nor changed', () => {
      const before = JSON.parse(JSON.stringify(existing)) as unknown;
      expect(extend([taskInput('a')]).map((task) => task.id)).toEqual(['a']);
      expect(existing).toEqual(before);
    });
  });

  describe('given ids that collide', () => {
    it('when a proposed task reuses the plan task id, then PLAN.DUPLICATE_TASK_ID', () => {
      expectPlanError(() => extend([taskInput('plan')]), 'PLAN.DUPLICATE_TASK_ID', { taskId: 'plan' });
    });

    it('when a proposed task reuses another existing id, then PLAN.DUPLICATE_TASK_ID', () => {
      expectPlanError(() => validateExtension([PLAN, taskSpec('setup')], [taskInput('setup')], 'plan'), 'PLAN.DUPLICATE_TASK_ID', { taskId: 'setup' });
    });

    it('when two proposed tasks share an id, then PLAN.DUPLICATE_TASK_ID', () => {
      expectPlanError(() => extend([taskInput('a'), taskInput('b'), taskInput('a')]), 'PLAN.DUPLICATE_TASK_ID', { taskId: 'a' });
    });
  });

  describe('given broken proposals, then the §3.2 check of that name', () => {
    it('when nothing is proposed, then PLAN.EMPTY', () => {
      expectPlanError(() => extend([]), 'PLAN.EMPTY');
    });

    it('when a proposed task breaks a field rule, then PLAN.TASK_INVALID', () => {
      expectPlanError(() => extend([taskInput('a'), taskInput('b', { title: '' })]), 'PLAN.TASK_INVALID', {
        taskId: 'b',
        field: 'title',
        rule: 'length',
        limit: '1..200',
      });
    });

    it('when a proposed task is of kind plan, then PLAN.TASK_INVALID: the session has one plan task', () => {
      expectPlanError(() => extend([taskInput('again', { kind: 'plan' })]), 'PLAN.TASK_INVALID', {
        taskId: 'again',
        field: 'kind',
        rule: 'single_plan_task',
      });
    });

    it('when a dependency names no task, then PLAN.UNKNOWN_DEPENDENCY', () => {
      expectPlanError(() => extend([after('a', 'ghost')]), 'PLAN.UNKNOWN_DEPENDENCY', { taskId: 'a', dependsOn: 'ghost' });
    });

    it('when a proposed task depends on itself, then PLAN.SELF_DEPENDENCY', () => {
      expectPlanError(() => extend([after('a', 'a')]), 'PLAN.SELF_DEPENDENCY', { taskId: 'a' });
    });

    it('when proposed tasks form a cycle, then PLAN.CYCLE', () => {
      expectPlanError(() => extend([after('a', 'b'), after('b', 'a')]), 'PLAN.CYCLE', { cycle: ['a', 'b', 'a'] });
    });

    it('when a task lists 20 other dependencies, then the added plan dependency makes 21: PLAN.TASK_INVALID', () => {
      const others = independentTasks(20, 'd');
      const wide = taskInput('wide', { dependsOn: others.map(({ id }) => ({ taskId: id })) });
      expectPlanError(() => extend([...others, wide]), 'PLAN.TASK_INVALID', { taskId: 'wide', field: 'dependsOn', rule: 'count', limit: '0..20' });
    });
  });

  describe('given limits, then the existing tasks count', () => {
    it('when 199 tasks are proposed next to the plan task, then 200 in all pass', () => {
      expect(extend(independentTasks(199))).toHaveLength(199);
    });

    it('when 200 tasks are proposed next to the plan task, then PLAN.TOO_MANY_TASKS counts 201', () => {
      expectPlanError(() => extend(independentTasks(200)), 'PLAN.TOO_MANY_TASKS', { count: 201, limit: 200 });
    });

    it('when a chain of 9 hangs under the plan task, then depth 10 passes', () => {
      expect(extend(chain(9))).toHaveLength(9);
    });

    it('when a chain of 10 hangs under the plan task, then PLAN.TOO_DEEP at depth 11', () => {
      expectPlanError(() => extend(chain(10)), 'PLAN.TOO_DEEP', { depth: 11, limit: 10 });
    });

    it('when a chain hangs under an existing task below the plan, then its depth counts too', () => {
      const earlier = [PLAN, taskSpec('setup', { dependsOn: [on('plan')] })];
      expectPlanError(() => validateExtension(earlier, chain(9, 'setup'), 'plan'), 'PLAN.TOO_DEEP', { depth: 11, limit: 10 });
    });
  });
});
