import { useState, type FormEvent } from 'react';

export function SignIn({ onSignIn }: { readonly onSignIn: (key: string) => Promise<void> }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSignIn(key.trim());
    } catch (failure) {
      setError((failure as Error).message);
      setBusy(false);
    }
  }
  return (
    <form className="signin panel stack" onSubmit={submit}>
      <h1 style={{ color: 'var(--accent)' }}>▌Orchestrator · Control room</h1>
      <p className="muted">Sign in with an API key. It is kept in this tab only (sessionStorage) and sent as a Bearer token.</p>
      <label className="stack">
        <span className="muted">API key</span>
        <input type="password" aria-label="API key" value={key} onChange={(e) => setKey(e.target.value)} autoFocus autoComplete="off" />
      </label>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
      <button type="submit" className="primary" disabled={busy || key.trim() === ''}>
        {busy ? 'checking…' : 'sign in'}
      </button>
    </form>
  );
}
