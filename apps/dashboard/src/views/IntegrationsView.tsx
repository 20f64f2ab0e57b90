import type { DeliveryView, WebhookView } from '@orch/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useAccess } from '../app/access';
import { ActionButton } from '../ui/ActionButton';
import { RawJson } from '../ui/RawJson';
import { StatusBadge } from '../ui/StatusBadge';
import { ago } from '../ui/format';
import { RegisterWebhook } from './integrations/RegisterWebhook';
import { refreshWebhooksUntil } from './integrations/refresh-webhooks';

/** Webhooks (register, delete), their deliveries, the dead letters, and redelivery (admins and integrators). */
export function IntegrationsView() {
  const { queries, orch, canManageWebhooks } = useAccess();
  const webhooks = useQuery(queries.webhooks());
  const dead = useQuery(queries.deadLetters());
  const [selected, setSelected] = useState<string | null>(null);
  const deliveries = useQuery({ ...queries.deliveries(selected ?? ''), enabled: selected !== null });
  const queryClient = useQueryClient();
  const redeliver = async (delivery: DeliveryView) => {
    await orch.webhooks.redeliver(delivery.id);
    await queryClient.invalidateQueries({ queryKey: ['webhooks'] });
  };
  const remove = async (hook: WebhookView, reason: string) => {
    await orch.webhooks.delete(hook.id, { reason });
    await refreshWebhooksUntil(queryClient, queries, (items) => items.find((item) => item.id === hook.id)?.status !== 'active');
    await queryClient.invalidateQueries({ queryKey: ['webhooks'] });
  };
  const deleteState = (hook: WebhookView) =>
    hook.status === 'active'
      ? { allowed: true, reason: null, effect: `Stops deliveries to ${hook.url}: its pending deliveries are cancelled; the registration stays on record as deleted.` }
      : { allowed: false, reason: 'already deleted', effect: '' };
  const redeliverState = (delivery: DeliveryView) =>
    delivery.status === 'dead'
      ? { allowed: true, reason: null, effect: 'Queues the delivery again: its attempts count from 1, with the same body and a fresh signature.' }
      : { allowed: false, reason: `only dead letters are redelivered (this one is ${delivery.status})`, effect: '' };
  const rows = (items: readonly DeliveryView[]) =>
    items.map((delivery) => (
      <tr key={delivery.id}>
        <td className="muted">{delivery.id.slice(0, 8)}</td>
        <td>{delivery.eventType}</td>
        <td>
          <StatusBadge status={delivery.status} />
        </td>
        <td>
          {delivery.attempts} (+{delivery.redeliveries})
        </td>
        <td className="error">{delivery.lastError ?? (delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : '')}</td>
        <td className="muted">{ago(delivery.lastAttemptAt)}</td>
        <td>{canManageWebhooks && <ActionButton label="redeliver" state={redeliverState(delivery)} run={() => redeliver(delivery)} />}</td>
        <td>
          <RawJson value={delivery} />
        </td>
      </tr>
    ));
  const head = (
    <thead>
      <tr>
        <th>id</th>
        <th>event</th>
        <th>status</th>
        <th>attempts</th>
        <th>last error</th>
        <th>last attempt</th>
        <th />
        <th />
      </tr>
    </thead>
  );
  return (
    <div className="stack" data-view="integrations">
      {canManageWebhooks && <RegisterWebhook />}
      <section className="panel">
        <header>
          <h1>Webhooks</h1>
          <span className="spacer" />
          <RawJson value={webhooks.data} />
        </header>
        {webhooks.isError && <p className="error">{(webhooks.error as Error).message}</p>}
        <table className="dense">
          <thead>
            <tr>
              <th>id</th>
              <th>url</th>
              <th>event types</th>
              <th>status</th>
              <th>registered</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(webhooks.data?.items ?? []).map((hook) => (
              <tr key={hook.id} data-webhook-id={hook.id} data-status={hook.status} className={selected === hook.id ? 'selected' : undefined} onClick={() => setSelected(hook.id)} style={{ cursor: 'pointer' }}>
                <td className="muted">{hook.id.slice(0, 8)}</td>
                <td>{hook.url}</td>
                <td>{hook.eventTypes.join(', ')}</td>
                <td>{hook.status}</td>
                <td className="muted">{ago(hook.registeredAt)}</td>
                <td>{canManageWebhooks && <ActionButton label="delete" danger state={deleteState(hook)} run={(reason) => remove(hook, reason)} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {webhooks.data?.items.length === 0 && <p className="muted">no webhooks registered</p>}
      </section>
      {selected && (
        <section className="panel">
          <header>
            <h2>Deliveries of {selected.slice(0, 8)}</h2>
          </header>
          <table className="dense">
            {head}
            <tbody>{rows(deliveries.data?.items ?? [])}</tbody>
          </table>
        </section>
      )}
      <section className="panel">
        <header>
          <h2>Dead letters</h2>
          <span className="spacer" />
          <RawJson value={dead.data} />
        </header>
        <table className="dense" data-testid="dead-letters">
          {head}
          <tbody>{rows(dead.data?.items ?? [])}</tbody>
        </table>
        {dead.data?.items.length === 0 && <p className="muted">no dead letters</p>}
      </section>
    </div>
  );
}
