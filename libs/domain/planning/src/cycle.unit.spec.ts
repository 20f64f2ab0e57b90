import { findCycle } from './cycle';
import { after, taskInput } from './testing/task-spec.mother';
import { normalizeTaskSpec } from './normalize-task-spec';
import type { TaskSpecInput } from './task-spec';

const cycleOf = (plan: TaskSpecInput[]) => findCycle(plan.map(normalizeTaskSpec));

describe('findCycle', () => {
  it('given an acyclic plan, when searched, then there is no cycle', () => {
    expect(cycleOf([taskInput('a'), after('b', 'a'), after('c', 'a', 'b')])).toBeNull();
  });

  it('given a task depending on itself, when searched, then the cycle is that task twice', () => {
    expect(cycleOf([after('a', 'a')])).toEqual(['a', 'a']);
  });

  it('given two cycles, when searched, then the one met first from the first task in plan order wins', () => {
    const plan = [taskInput('z'), after('p', 'q'), after('q', 'p'), after('a', 'b'), after('b', 'a')];
    expect(cycleOf(plan)).toEqual(['p', 'q', 'p']);
  });

  it('given a task with two looping dependencies, when searched, then the first listed dependency is followed first', () => {
    const plan = [after('a', 'c', 'b'), after('b', 'a'), after('c', 'a')];
    expect(cycleOf(plan)).toEqual(['a', 'c', 'a']);
  });

  it('given a cycle entered midway, when searched, then it starts at the task met again', () => {
    const plan = [after('a', 'b'), after('b', 'c'), after('c', 'd'), after('d', 'b')];
    expect(cycleOf(plan)).toEqual(['b', 'c', 'd', 'b']);
  });

  it('given a cycle reachable only from a later task, when an earlier subgraph is finished, then the search goes on', () => {
    const plan = [taskInput('a'), after('b', 'a'), after('c', 'd', 'a'), after('d', 'c')];
    expect(cycleOf(plan)).toEqual(['c', 'd', 'c']);
  });
});
