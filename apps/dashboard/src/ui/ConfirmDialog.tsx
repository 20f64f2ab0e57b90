import { useId, useState, type ReactNode } from 'react';

export interface ConfirmRequest {
  readonly title: string;
  /** What will happen, in plain words. */
  readonly effect: string;
  readonly danger?: boolean;
  /** Extra fields (inject text, agent id); their values go to onConfirm. */
  readonly fields?: readonly { readonly name: string; readonly label: string; readonly required?: boolean; readonly multiline?: boolean }[];
}

const REASON_MAX = 500;

/**
 * Every operator action passes here: it says what will happen and needs a reason (1..500
 * characters, recorded in the audit trail with the actor) before its button is enabled.
 */
export function ConfirmDialog({
  request,
  onConfirm,
  onCancel,
  children,
}: {
  readonly request: ConfirmRequest;
  readonly onConfirm: (reason: string, fields: Record<string, string>) => Promise<void> | void;
  readonly onCancel: () => void;
  readonly children?: ReactNode;
}) {
  const [reason, setReason] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const trimmed = reason.trim();
  const missing = (request.fields ?? []).some((field) => field.required && !(fields[field.name] ?? '').trim());
  const ready = trimmed.length > 0 && [...trimmed].length <= REASON_MAX && !missing && !busy;

  async function confirm() {
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm(trimmed, fields);
    } catch (failure) {
      setError((failure as Error).message);
      setBusy(false);
    }
  }

  return (
    <div className="dialog-backdrop" role="presentation">
      <div className={`dialog${request.danger ? ' danger' : ''}`} role="dialog" aria-modal="true" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{request.title}</h1>
        <p data-testid="confirm-effect">{request.effect}</p>
        {children}
        {(request.fields ?? []).map((field) => (
          <label key={field.name} className="stack">
            <span className="muted">{field.label}</span>
            {field.multiline ? (
              <textarea aria-label={field.label} value={fields[field.name] ?? ''} onChange={(e) => setFields({ ...fields, [field.name]: e.target.value })} />
            ) : (
              <input aria-label={field.label} value={fields[field.name] ?? ''} onChange={(e) => setFields({ ...fields, [field.name]: e.target.value })} />
            )}
          </label>
        ))}
        <label className="stack">
          <span className="muted">Reason (required, recorded in the audit trail)</span>
          <textarea aria-label="Reason" value={reason} maxLength={REASON_MAX * 2} onChange={(e) => setReason(e.target.value)} autoFocus />
        </label>
        {[...trimmed].length > REASON_MAX && <span className="error">The reason is longer than {REASON_MAX} characters.</span>}
        {error && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
        <div className="row">
          <button type="button" className={request.danger ? 'danger' : 'primary'} disabled={!ready} onClick={confirm}>
            {busy ? 'sending…' : 'confirm'}
          </button>
          <button type="button" onClick={onCancel}>
            cancel
          </button>
        </div>
      </div>
    </div>
  );
}
