import { useMemo } from 'react';
import { statusStyle } from '../../ui/status-styles';
import { layoutGraph, type GraphTask } from './graph-layout';

/** The task graph as SVG: status colour on the border, glyph and label inside; click a task to inspect it. */
export function TaskGraph({ tasks, selected, onSelect }: { readonly tasks: readonly GraphTask[]; readonly selected: string | null; readonly onSelect: (taskId: string) => void }) {
  const graph = useMemo(() => layoutGraph(tasks), [tasks]);
  return (
    <div className="graph" data-testid="task-graph">
      <svg width={Math.max(graph.width, 200)} height={Math.max(graph.height, 60)} role="img" aria-label={`task graph of ${tasks.length} tasks`}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#5d6b78" />
          </marker>
        </defs>
        {graph.edges.map((edge) => (
          <polyline
            key={`${edge.from}->${edge.to}`}
            points={edge.points.map((p) => `${p.x},${p.y}`).join(' ')}
            fill="none"
            stroke="#5d6b78"
            strokeDasharray={edge.optional ? '4 3' : undefined}
            markerEnd="url(#arrow)"
          />
        ))}
        {graph.nodes.map(({ task, x, y, width, height }) => {
          const style = statusStyle(task.status);
          return (
            <g key={task.id} className="node" data-task-id={task.id} data-status={task.status} transform={`translate(${x},${y})`} onClick={() => onSelect(task.id)}>
              <rect width={width} height={height} fill={selected === task.id ? '#0f2a1e' : '#0e1216'} stroke={style.color} strokeWidth={selected === task.id ? 3 : 1.5} rx={2} />
              <text x={8} y={17}>
                {task.id.length > 24 ? `${task.id.slice(0, 23)}…` : task.id}
              </text>
              <text x={8} y={35} style={{ fill: style.color }}>
                {style.glyph} {style.label}
              </text>
              <title>{`${task.title} — ${style.label}`}</title>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
