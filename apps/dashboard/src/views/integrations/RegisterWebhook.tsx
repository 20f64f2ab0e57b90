import type { WebhookRegistration } from '@orch/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useAccess } from '../../app/access';
import { refreshWebhooksUntil } from './refresh-webhooks';
import { fieldErrorsOf, parsePrefixes, validateWebhookForm, type FieldErrors } from './field-errors';

/**
 * Registers a webhook (admins and integrators): its URL and the event type prefixes it receives.
 * The form's own checks and the api's refusals show next to the field; the signing secret of a
 * registration shows here once, as the api answers it once.
 */
export function RegisterWebhook() {
  const { orch, queries } = useAccess();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [prefixes, setPrefixes] = useState('Session');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [registered, setRegistered] = useState<WebhookRegistration | null>(null);
  const [sending, setSending] = useState(false);

  async function register(event: FormEvent) {
    event.preventDefault();
    const eventTypes = parsePrefixes(prefixes);
    const invalid = validateWebhookForm(url.trim(), eventTypes);
    setErrors(invalid);
    setRegistered(null);
    if (Object.keys(invalid).length > 0) return;
    setSending(true);
    try {
      const answer = await orch.webhooks.register({ url: url.trim(), eventTypes });
      setRegistered(answer);
      setUrl('');
      await refreshWebhooksUntil(queryClient, queries, (items) => items.some((hook) => hook.id === answer.id));
    } catch (failure) {
      setErrors(fieldErrorsOf(failure));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="panel stack" onSubmit={register} data-testid="register-webhook" noValidate>
      <header>
        <h2>Register a webhook</h2>
        <span className="spacer" />
        <span className="muted">https anywhere, plain http to loopback only · HMAC-signed with the secret shown once</span>
      </header>
      <div className="row">
        <label className="row">
          URL
          <input aria-label="webhook URL" aria-invalid={errors['url'] ? true : undefined} placeholder="https://ci.example.com/hooks/orch" value={url} onChange={(e) => setUrl(e.target.value)} style={{ width: 360 }} />
        </label>
        <label className="row">
          event types
          <input aria-label="event type prefixes" aria-invalid={errors['eventTypes'] ? true : undefined} placeholder="Session, TaskFailed" value={prefixes} onChange={(e) => setPrefixes(e.target.value)} style={{ width: 260 }} />
        </label>
        <button type="submit" className="primary" disabled={sending}>
          register
        </button>
      </div>
      {Object.entries(errors).map(([field, message]) => (
        <p key={field} className="error" data-testid="webhook-error" data-field={field}>
          {field}: {message}
        </p>
      ))}
      {registered && (
        <p data-testid="webhook-secret" data-webhook-id={registered.id}>
          registered {registered.id.slice(0, 8)} · signing secret (shown this once): <code>{registered.secret}</code>
        </p>
      )}
    </form>
  );
}
