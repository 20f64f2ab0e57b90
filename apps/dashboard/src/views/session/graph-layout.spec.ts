import { describe, expect, it } from 'vitest';
import { layoutGraph } from './graph-layout';

describe('task graph layout', () => {
  it('given a diamond of tasks, then every task is a node, every dependency an edge, and a task sits right of what it waits for', () => {
    const graph = layoutGraph([
      { id: 'analyse', title: 'a', status: 'completed', dependsOn: [] },
      { id: 'implement', title: 'b', status: 'running', dependsOn: [{ taskId: 'analyse', optional: false }] },
      { id: 'docs', title: 'c', status: 'pending', dependsOn: [{ taskId: 'analyse', optional: true }] },
      { id: 'review', title: 'd', status: 'pending', dependsOn: [{ taskId: 'implement', optional: false }, { taskId: 'docs', optional: false }] },
    ]);
    expect(graph.nodes.map((n) => n.task.id)).toEqual(['analyse', 'implement', 'docs', 'review']);
    expect(graph.edges.map((e) => `${e.from}->${e.to}`).sort()).toEqual(['analyse->docs', 'analyse->implement', 'docs->review', 'implement->review']);
    const x = Object.fromEntries(graph.nodes.map((n) => [n.task.id, n.x]));
    expect(x['implement']).toBeGreaterThan(x['analyse'] as number);
    expect(x['review']).toBeGreaterThan(x['implement'] as number);
    expect(graph.edges.find((e) => e.to === 'docs')?.optional).toBe(true);
  });

  it('given a dependency on an unknown task, then it is left out rather than breaking the layout', () => {
    const graph = layoutGraph([{ id: 'a', title: 'a', status: 'ready', dependsOn: [{ taskId: 'ghost', optional: false }] }]);
    expect(graph.nodes).toHaveLength(1);
    expect(graph.edges).toHaveLength(0);
  });
});
