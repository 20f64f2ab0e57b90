import { dependentsOf, planDepth, planDepths } from './graph';
import { normalizeTaskSpec } from './normalize-task-spec';
import { after, taskInput } from './testing/task-spec.mother';

const diamond = [taskInput('a'), after('b', 'a'), taskInput('c', { dependsOn: [{ taskId: 'a', optional: true }] }), after('d', 'b', 'c'), after('e', 'd', 'a')].map(
  normalizeTaskSpec,
);

describe('plan graph helpers', () => {
  it('given a plan, when depths are computed, then a task is 1 + its deepest dependency', () => {
    expect(Object.fromEntries(planDepths(diamond))).toEqual({ a: 1, b: 2, c: 2, d: 3, e: 4 });
    expect(planDepth(diamond)).toBe(4);
  });

  it('given no tasks, when the depth is computed, then it is 0', () => {
    expect(planDepth([])).toBe(0);
  });

  it('given a task with dependents, when asked, then the direct ones come in plan order with their optional flag', () => {
    expect(dependentsOf(diamond, 'a')).toEqual([
      { taskId: 'b', optional: false },
      { taskId: 'c', optional: true },
      { taskId: 'e', optional: false },
    ]);
  });

  it('given a leaf task or an unknown id, when asked, then there are no dependents', () => {
    expect(dependentsOf(diamond, 'e')).toEqual([]);
    expect(dependentsOf(diamond, 'ghost')).toEqual([]);
  });
});
