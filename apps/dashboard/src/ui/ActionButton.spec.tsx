import { sessionActionAvailability } from '@orch/contracts';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ActionButton } from './ActionButton';

const running = { status: 'running' as const, retryCount: 0, completedTasks: 0, spentUsd: 0, budgetUsd: null };

describe('ActionButton', () => {
  it('given an illegal transition, then the button is disabled and the reason is shown next to it', () => {
    const run = vi.fn();
    render(<ActionButton label="resume" state={sessionActionAvailability('resume', running)} run={run} />);
    const button = screen.getByRole('button', { name: 'resume' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByText('not allowed while running (only from paused)')).toBeTruthy();
    fireEvent.click(button);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(run).not.toHaveBeenCalled();
  });

  it('given a legal transition, when clicked, then a dialog says what will happen and the command runs only after a reason', async () => {
    const run = vi.fn().mockResolvedValue(undefined);
    const state = sessionActionAvailability('pause', running);
    render(<ActionButton label="pause" state={state} run={run} />);
    fireEvent.click(screen.getByRole('button', { name: 'pause' }));
    expect(screen.getByTestId('confirm-effect').textContent).toBe(state.effect);
    expect(run).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'maintenance window' } });
    fireEvent.click(screen.getByRole('button', { name: 'confirm' }));
    await waitFor(() => expect(run).toHaveBeenCalledWith('maintenance window', {}));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
