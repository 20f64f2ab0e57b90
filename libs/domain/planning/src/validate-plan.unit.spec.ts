import { validatePlan } from './validate-plan';
import { after, chain, domainErrorOf, expectPlanError, independentTasks, on, taskInput, taskSpec } from './testing/task-spec.mother';

describe('validatePlan', () => {
  describe('given a valid plan', () => {
    it('when validated, then the tasks come back normalised in plan order', () => {
      const plan = [taskInput('b', { title: ' B ' }), after('a', 'b'), taskInput('c', { dependsOn: [{ taskId: 'a', optional: true }] })];
      expect(validatePlan(plan)).toEqual([
        taskSpec('b', { title: 'B' }),
        taskSpec('a', { dependsOn: [on('b')] }),
        taskSpec('c', { dependsOn: [on('a', true)] }),
      ]);
    });

    it('when a dependency is listed before its task, then plan order does not matter', () => {
      expect(validatePlan([after('a', 'b'), taskInput('b')]).map((task) => task.id)).toEqual(['a', 'b']);
    });

    it('when a diamond shares a dependency, then it is no cycle', () => {
      expect(() => validatePlan([taskInput('a'), after('b', 'a'), after('c', 'a'), after('d', 'b', 'c')])).not.toThrow();
    });
  });

  describe('check 1: at least one task', () => {
    it('when the plan is empty, then PLAN.EMPTY', () => {
      expectPlanError(() => validatePlan([]), 'PLAN.EMPTY');
    });
  });

  describe('check 2: at most 200 tasks', () => {
    it('when it has 200 tasks, then it passes', () => {
      expect(validatePlan(independentTasks(200))).toHaveLength(200);
    });

    it('when it has 201 tasks, then PLAN.TOO_MANY_TASKS with count and limit', () => {
      expectPlanError(() => validatePlan(independentTasks(201)), 'PLAN.TOO_MANY_TASKS', { count: 201, limit: 200 });
    });
  });

  describe('check 3: field rules', () => {
    it('when the second task breaks a rule, then PLAN.TASK_INVALID for it', () => {
      const plan = [taskInput('a'), taskInput('b', { capabilities: [] })];
      expectPlanError(() => validatePlan(plan), 'PLAN.TASK_INVALID', { taskId: 'b', field: 'capabilities', rule: 'count', limit: '1..5' });
    });

    it('when a task of kind plan is outside agent mode, then PLAN.TASK_INVALID on kind', () => {
      const plan = [taskInput('plan', { kind: 'plan' })];
      expectPlanError(() => validatePlan(plan), 'PLAN.TASK_INVALID', { taskId: 'plan', field: 'kind', rule: 'agent_mode_only' });
    });

    it('when a task of kind plan is in agent mode, then it passes', () => {
      const [task] = validatePlan([taskInput('plan', { kind: 'plan' })], { allowPlanKind: true });
      expect(task?.kind).toBe('plan');
    });
  });

  describe('checks 4-6: ids and dependencies', () => {
    it('when an id repeats, then PLAN.DUPLICATE_TASK_ID names it', () => {
      const plan = [taskInput('a'), taskInput('b'), taskInput('b'), taskInput('a')];
      expectPlanError(() => validatePlan(plan), 'PLAN.DUPLICATE_TASK_ID', { taskId: 'b' });
    });

    it('when a task depends on itself, then PLAN.SELF_DEPENDENCY names it', () => {
      expectPlanError(() => validatePlan([taskInput('a'), after('b', 'a', 'b')]), 'PLAN.SELF_DEPENDENCY', { taskId: 'b' });
    });

    it('when a dependency names no task, then PLAN.UNKNOWN_DEPENDENCY names the task and the missing id', () => {
      const plan = [taskInput('a'), after('b', 'a', 'ghost', 'other')];
      expectPlanError(() => validatePlan(plan), 'PLAN.UNKNOWN_DEPENDENCY', { taskId: 'b', dependsOn: 'ghost' });
    });

    it('when an optional dependency names no task, then it is unknown all the same', () => {
      const plan = [taskInput('a', { dependsOn: [{ taskId: 'ghost', optional: true }] })];
      expectPlanError(() => validatePlan(plan), 'PLAN.UNKNOWN_DEPENDENCY', { taskId: 'a', dependsOn: 'ghost' });
    });
  });

  describe('check 7: acyclic', () => {
    it('when two tasks depend on each other, then PLAN.CYCLE with the first id repeated last', () => {
      expectPlanError(() => validatePlan([after('a', 'b'), after('b', 'a')]), 'PLAN.CYCLE', { cycle: ['a', 'b', 'a'] });
    });

    it('when the cycle is reached through other tasks, then only the cycle is reported', () => {
      const plan = [after('x', 'a'), after('a', 'b'), after('b', 'c'), after('c', 'a')];
      expectPlanError(() => validatePlan(plan), 'PLAN.CYCLE', { cycle: ['a', 'b', 'c', 'a'] });
    });

    it('when an optional dependency closes the loop, then it is a cycle too', () => {
      const plan = [after('a', 'b'), taskInput('b', { dependsOn: [{ taskId: 'a', optional: true }] })];
      expectPlanError(() => validatePlan(plan), 'PLAN.CYCLE', { cycle: ['a', 'b', 'a'] });
    });
  });

  describe('check 8: depth at most 10', () => {
    it('when the longest chain is 10 tasks, then it passes', () => {
      expect(validatePlan(chain(10))).toHaveLength(10);
    });

    it('when the longest chain is 11 tasks, then PLAN.TOO_DEEP with the depth and limit', () => {
      expectPlanError(() => validatePlan([...independentTasks(3), ...chain(11)]), 'PLAN.TOO_DEEP', { depth: 11, limit: 10 });
    });
  });

  describe('given a plan with two problems, then the earlier check is reported', () => {
    const invalidTask = taskInput('bad', { title: '' });
    it.each([
      ['too many tasks and an invalid task', [...independentTasks(200), invalidTask], 'PLAN.TOO_MANY_TASKS'],
      ['an invalid task before a duplicate id', [taskInput('a'), taskInput('a'), invalidTask], 'PLAN.TASK_INVALID'],
      ['a duplicate id after a self dependency', [after('s', 's'), taskInput('a'), taskInput('a')], 'PLAN.DUPLICATE_TASK_ID'],
      ['a self dependency after an unknown dependency', [after('a', 'ghost'), after('s', 's')], 'PLAN.SELF_DEPENDENCY'],
      ['an unknown dependency after a cycle', [after('a', 'b'), after('b', 'a'), after('c', 'ghost')], 'PLAN.UNKNOWN_DEPENDENCY'],
      ['a cycle and a chain too deep', [...chain(11), after('x', 'y'), after('y', 'x')], 'PLAN.CYCLE'],
    ])('when it has %s', (_, plan, code) => {
      expect(domainErrorOf(() => validatePlan(plan)).code).toBe(code);
    });
  });
});
