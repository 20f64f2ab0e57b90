import type { SESSION_STATUS_LIST } from '@orch/contracts';

export interface StatusStyle {
  readonly color: string;
  /** A shape that tells the status apart without its colour (colour-blind readers). */
  readonly glyph: string;
  readonly label: string;
}

/** The twelve session statuses (DOMAIN.md §2.2): each its own colour, glyph and label. */
export const SESSION_STATUS_STYLES: Readonly<Record<(typeof SESSION_STATUS_LIST)[number], StatusStyle>> = {
  pending: { color: '#9aa5b1', glyph: '○', label: 'pending' },
  queued: { color: '#b388ff', glyph: '⧗', label: 'queued' },
  running: { color: '#00ff88', glyph: '▶', label: 'running' },
  degraded: { color: '#ffcc00', glyph: '▲', label: 'degraded' },
  paused: { color: '#4da6ff', glyph: '‖', label: 'paused' },
  completed: { color: '#00d0ff', glyph: '✔', label: 'completed' },
  partially_completed: { color: '#a3e635', glyph: '◑', label: 'partially completed' },
  stopped: { color: '#ff8c00', glyph: '■', label: 'stopped' },
  cancelled: { color: '#c8b08a', glyph: '⊘', label: 'cancelled' },
  orphaned: { color: '#ff66cc', glyph: '◇', label: 'orphaned' },
  failed: { color: '#ff4444', glyph: '✖', label: 'failed' },
  timeout: { color: '#e879f9', glyph: '⏱', label: 'timeout' },
};

/** Task (DOMAIN.md §3.4) and agent (§4.3) statuses the session map does not already name. */
const OTHER_STATUS_STYLES: Readonly<Record<string, StatusStyle>> = {
  ready: { color: '#66fff0', glyph: '◎', label: 'ready' },
  assigned: { color: '#80b3ff', glyph: '◐', label: 'assigned' },
  skipped: { color: '#a0a0a0', glyph: '↷', label: 'skipped' },
  interrupted: { color: '#ff9f43', glyph: '⚡', label: 'interrupted' },
  active: { color: '#00ff88', glyph: '●', label: 'active' },
  draining: { color: '#ffcc00', glyph: '◒', label: 'draining' },
  disabled: { color: '#9aa5b1', glyph: '⊘', label: 'disabled' },
  offline: { color: '#ff4444', glyph: '✖', label: 'offline' },
  deregistered: { color: '#5d6b78', glyph: '∅', label: 'deregistered' },
  delivered: { color: '#00d0ff', glyph: '✔', label: 'delivered' },
  dead: { color: '#ff4444', glyph: '✖', label: 'dead letter' },
};

export function statusStyle(status: string): StatusStyle {
  return (SESSION_STATUS_STYLES as Record<string, StatusStyle>)[status] ?? OTHER_STATUS_STYLES[status] ?? { color: '#e8f0f6', glyph: '?', label: status.replace(/_/g, ' ') };
}
