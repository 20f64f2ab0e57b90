import { normalizeTaskSpec } from './normalize-task-spec';
import { expectPlanError, taskInput, taskSpec } from './testing/task-spec.mother';

const ID_PATTERN = '^[a-z][a-z0-9_-]{0,63}$';
const invalid = (input: Parameters<typeof normalizeTaskSpec>[0], details: Record<string, unknown>) =>
  expectPlanError(() => normalizeTaskSpec(input), 'PLAN.TASK_INVALID', details);

describe('normalizeTaskSpec', () => {
  describe('given a valid task', () => {
    it('when only required fields are given, then defaults fill in: no dependencies, kind work', () => {
      expect(normalizeTaskSpec(taskInput('a'))).toEqual(taskSpec('a'));
    });

    it('when every field is given, then text is trimmed, values kept and unknown fields dropped', () => {
      const input = taskInput('build_it-2', {
        title: '  Build it  ',
        description: '\n details \t',
        capabilities: ['code_generation', 'testing'],
        preferredAgentType: 'implementer',
        dependsOn: [{ taskId: 'a' }, { taskId: 'b', optional: true }],
        kind: 'plan',
        estimate: 3,
      });
      expect(normalizeTaskSpec(input)).toEqual({
        id: 'build_it-2',
        title: 'Build it',
        description: 'details',
        capabilities: ['code_generation', 'testing'],
        preferredAgentType: 'implementer',
        dependsOn: [
          { taskId: 'a', optional: false },
          { taskId: 'b', optional: true },
        ],
        kind: 'plan',
      });
    });

    it('when optional fields are null or the description is blank, then they count as absent', () => {
      const input = taskInput('a', { description: '   ', preferredAgentType: null, dependsOn: null, kind: null });
      const task = normalizeTaskSpec(input);
      expect(task).toEqual(taskSpec('a'));
      expect(Object.keys(task)).toEqual(['id', 'title', 'capabilities', 'dependsOn', 'kind']);
    });

    it.each([
      ['a 64-character id', { id: 'a'.repeat(64) }],
      ['a 200-code-point title', { title: '😀'.repeat(200) }],
      ['a 4000-code-point description', { description: '😀'.repeat(4000) }],
      ['5 capabilities', { capabilities: ['code_generation', 'testing', 'debugging', 'deployment', 'scaling'] }],
      ['20 dependencies', { dependsOn: Array.from({ length: 20 }, (_, i) => ({ taskId: `d${i}` })) }],
    ])('when it has %s (the limit), then it passes', (_, overrides) => {
      expect(() => normalizeTaskSpec(taskInput('a', overrides))).not.toThrow();
    });
  });

  describe('given a broken field rule, then PLAN.TASK_INVALID names the task, field and rule', () => {
    it.each([
      ['missing title', { title: undefined }, 'title', 'required', undefined],
      ['non-string title', { title: 7 }, 'title', 'string', undefined],
      ['blank title', { title: '   ' }, 'title', 'length', '1..200'],
      ['201-code-point title', { title: '😀'.repeat(201) }, 'title', 'length', '1..200'],
      ['non-string description', { description: 1 }, 'description', 'string', undefined],
      ['4001-code-point description', { description: 'x'.repeat(4001) }, 'description', 'length', '0..4000'],
      ['missing capabilities', { capabilities: undefined }, 'capabilities', 'required', undefined],
      ['capabilities not a list', { capabilities: 'testing' }, 'capabilities', 'array', undefined],
      ['no capability', { capabilities: [] }, 'capabilities', 'count', '1..5'],
      ['6 capabilities', { capabilities: ['code_generation', 'testing', 'debugging', 'deployment', 'scaling', 'monitoring'] }, 'capabilities', 'count', '1..5'],
      ['an unknown capability', { capabilities: ['testing', 'juggling'] }, 'capabilities[1]', 'enum', undefined],
      ['a repeated capability', { capabilities: ['testing', 'debugging', 'testing'] }, 'capabilities[2]', 'unique', undefined],
      ['an unknown agent type', { preferredAgentType: 'wizard' }, 'preferredAgentType', 'enum', undefined],
      ['dependsOn not a list', { dependsOn: 'b' }, 'dependsOn', 'array', undefined],
      ['21 dependencies', { dependsOn: Array.from({ length: 21 }, (_, i) => ({ taskId: `d${i}` })) }, 'dependsOn', 'count', '0..20'],
      ['a dependency that is not an object', { dependsOn: ['b'] }, 'dependsOn[0]', 'object', undefined],
      ['a dependency without taskId', { dependsOn: [{ optional: true }] }, 'dependsOn[0].taskId', 'required', undefined],
      ['a dependency with a numeric taskId', { dependsOn: [{ taskId: 3 }] }, 'dependsOn[0].taskId', 'string', undefined],
      ['a dependency on a malformed id', { dependsOn: [{ taskId: 'B' }] }, 'dependsOn[0].taskId', 'pattern', ID_PATTERN],
      ['a non-boolean optional', { dependsOn: [{ taskId: 'b', optional: 'yes' }] }, 'dependsOn[0].optional', 'boolean', undefined],
      ['a repeated dependency', { dependsOn: [{ taskId: 'b' }, { taskId: 'c' }, { taskId: 'b', optional: true }] }, 'dependsOn[2].taskId', 'unique', undefined],
      ['an unknown kind', { kind: 'chore' }, 'kind', 'enum', undefined],
    ])('when it has %s', (_, overrides, field, rule, limit) => {
      invalid(taskInput('a', overrides), { taskId: 'a', field, rule, ...(limit === undefined ? {} : { limit }) });
    });

    it.each([
      ['missing', undefined, null, 'required', undefined],
      ['not a string', 12, null, 'string', undefined],
      ['upper case', 'Build', 'Build', 'pattern', ID_PATTERN],
      ['starting with a digit', '1st', '1st', 'pattern', ID_PATTERN],
      ['65 characters', 'a'.repeat(65), 'a'.repeat(65), 'pattern', ID_PATTERN],
    ])('when the id is %s, then taskId is the given string or null', (_, id, taskId, rule, limit) => {
      invalid(taskInput('x', { id }), { taskId, field: 'id', rule, ...(limit === undefined ? {} : { limit }) });
    });

    it('when the task is not an object, then the field is the task itself', () => {
      invalid(null as never, { taskId: null, field: 'task', rule: 'object' });
    });

    it('when several fields are broken, then the first in spec order is reported', () => {
      invalid(taskInput('a', { title: '', capabilities: [], kind: 'chore' }), { taskId: 'a', field: 'title', rule: 'length', limit: '1..200' });
      invalid(taskInput('a', { capabilities: ['nope'], preferredAgentType: 'wizard' }), { taskId: 'a', field: 'capabilities[0]', rule: 'enum' });
      invalid(taskInput('a', { dependsOn: 'b', kind: 'chore' }), { taskId: 'a', field: 'dependsOn', rule: 'array' });
    });
  });
});
