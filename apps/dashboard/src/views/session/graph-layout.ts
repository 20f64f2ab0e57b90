import dagre from '@dagrejs/dagre';

export interface GraphTask {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly dependsOn: readonly { readonly taskId: string; readonly optional: boolean }[];
}

export interface LaidOutGraph {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly { readonly task: GraphTask; readonly x: number; readonly y: number; readonly width: number; readonly height: number }[];
  readonly edges: readonly { readonly from: string; readonly to: string; readonly optional: boolean; readonly points: readonly { x: number; y: number }[] }[];
}

export const NODE = { width: 190, height: 46 };

/** Dependencies left to right (dagre): a task sits right of everything it waits for. */
export function layoutGraph(tasks: readonly GraphTask[]): LaidOutGraph {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 50, marginx: 10, marginy: 10 });
  graph.setDefaultEdgeLabel(() => ({}));
  const known = new Set(tasks.map((task) => task.id));
  for (const task of tasks) graph.setNode(task.id, { width: NODE.width, height: NODE.height });
  for (const task of tasks) for (const dependency of task.dependsOn) if (known.has(dependency.taskId)) graph.setEdge(dependency.taskId, task.id, { optional: dependency.optional });
  dagre.layout(graph);
  const info = graph.graph();
  return {
    width: info.width ?? 0,
    height: info.height ?? 0,
    nodes: tasks.map((task) => {
      const node = graph.node(task.id);
      return { task, x: node.x - NODE.width / 2, y: node.y - NODE.height / 2, width: NODE.width, height: NODE.height };
    }),
    edges: graph.edges().map((edge) => {
      const data = graph.edge(edge) as { points?: { x: number; y: number }[]; optional?: boolean };
      return { from: edge.v, to: edge.w, optional: data.optional ?? false, points: data.points ?? [] };
    }),
  };
}
