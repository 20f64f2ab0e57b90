import { useState } from 'react';
import { ConfirmDialog, type ConfirmRequest } from './ConfirmDialog';

export interface ActionState {
  readonly allowed: boolean;
  readonly reason: string | null;
  readonly effect: string;
}

/**
 * A command button: disabled with the reason shown when the transition is illegal; otherwise it
 * opens the confirmation dialog, and the command is sent only with a reason.
 */
export function ActionButton({
  label,
  state,
  danger,
  fields,
  run,
}: {
  readonly label: string;
  readonly state: ActionState;
  readonly danger?: boolean;
  readonly fields?: ConfirmRequest['fields'];
  readonly run: (reason: string, fields: Record<string, string>) => Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  return (
    <span className="action">
      <button
        type="button"
        className={danger ? 'danger' : undefined}
        disabled={!state.allowed}
        title={state.allowed ? state.effect : (state.reason ?? undefined)}
        data-action={label}
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
      {!state.allowed && state.reason && <span className="disabled-reason">{state.reason}</span>}
      {open && (
        <ConfirmDialog
          request={{ title: label, effect: state.effect, ...(danger ? { danger } : {}), ...(fields ? { fields } : {}) }}
          onCancel={() => setOpen(false)}
          onConfirm={async (reason, values) => {
            await run(reason, values);
            setOpen(false);
          }}
        />
      )}
    </span>
  );
}
