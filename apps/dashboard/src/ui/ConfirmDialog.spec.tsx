import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './ConfirmDialog';

const confirmButton = () => screen.getByRole('button', { name: 'confirm' }) as HTMLButtonElement;

describe('ConfirmDialog', () => {
  it('given no reason, then confirm is disabled; when a reason is typed, then it sends the trimmed reason', async () => {
    const onConfirm = vi.fn().mockResolvedValue(undefined);
    render(<ConfirmDialog request={{ title: 'pause', effect: 'Halts dispatch.' }} onConfirm={onConfirm} onCancel={() => undefined} />);
    expect(screen.getByTestId('confirm-effect').textContent).toBe('Halts dispatch.');
    expect(confirmButton().disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: '   ' } });
    expect(confirmButton().disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: '  cost spike  ' } });
    expect(confirmButton().disabled).toBe(false);
    fireEvent.click(confirmButton());
    await waitFor(() => expect(onConfirm).toHaveBeenCalledWith('cost spike', {}));
  });

  it('given a reason over 500 characters, then confirm stays disabled and says why', () => {
    render(<ConfirmDialog request={{ title: 'stop', effect: 'x' }} onConfirm={vi.fn()} onCancel={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'a'.repeat(501) } });
    expect(confirmButton().disabled).toBe(true);
    expect(screen.getByText(/longer than 500/)).toBeTruthy();
  });

  it('given a required field, then confirm waits for it too, and the field value is passed on', async () => {
    const onConfirm = vi.fn().mockResolvedValue(undefined);
    render(<ConfirmDialog request={{ title: 'inject', effect: 'x', fields: [{ name: 'text', label: 'Prompt text', required: true }] }} onConfirm={onConfirm} onCancel={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'steer' } });
    expect(confirmButton().disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Prompt text'), { target: { value: 'use the cache' } });
    fireEvent.click(confirmButton());
    await waitFor(() => expect(onConfirm).toHaveBeenCalledWith('steer', { text: 'use the cache' }));
  });

  it('given the command fails, then the error is shown and the dialog stays open', async () => {
    render(<ConfirmDialog request={{ title: 'retry', effect: 'x' }} onConfirm={() => Promise.reject(new Error('SESSION.ILLEGAL_TRANSITION: no'))} onCancel={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'again' } });
    fireEvent.click(confirmButton());
    expect((await screen.findByRole('alert')).textContent).toBe('SESSION.ILLEGAL_TRANSITION: no');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});
