import { SESSION_STATUS_LIST } from '@orch/contracts';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatusBadge } from './StatusBadge';
import { SESSION_STATUS_STYLES, statusStyle } from './status-styles';

describe('StatusBadge', () => {
  it.each(SESSION_STATUS_LIST)('given the %s status, when rendered, then it shows its own glyph and label in its colour', (status) => {
    render(<StatusBadge status={status} />);
    const badge = screen.getByRole('status');
    const style = SESSION_STATUS_STYLES[status];
    expect(badge.textContent).toBe(`${style.glyph}${style.label}`);
    expect(badge.getAttribute('aria-label')).toBe(`status: ${style.label}`);
    expect(badge.style.color).not.toBe('');
  });

  it('given the twelve session statuses, then no two share a colour, a glyph or a label', () => {
    const styles = SESSION_STATUS_LIST.map((status) => SESSION_STATUS_STYLES[status]);
    expect(new Set(styles.map((s) => s.color.toLowerCase())).size).toBe(12);
    expect(new Set(styles.map((s) => s.glyph)).size).toBe(12);
    expect(new Set(styles.map((s) => s.label)).size).toBe(12);
  });

  it('given running and failed, then they are the control-room green and red', () => {
    expect(statusStyle('running').color).toBe('#00ff88');
    expect(statusStyle('failed').color).toBe('#ff4444');
  });

  it('given an unknown status, then its words are the label', () => {
    expect(statusStyle('some_new_state')).toMatchObject({ label: 'some new state', glyph: '?' });
  });
});
