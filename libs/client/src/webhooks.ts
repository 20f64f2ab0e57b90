import type { CommandAnswer, DeliveryListQuery, DeliveryView, ListPage, ReasonRequest, RegisterWebhookRequest, WebhookRegistration, WebhookView } from '@orch/contracts';
import type { RequestOptions, Transport } from './transport';

const seg = encodeURIComponent;

function search(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Webhook registration and the delivery log (docs/webhooks.md). */
export function webhookApi(http: Transport) {
  return {
    /** The answer's `secret` is shown this once: keep it to verify signatures. */
    register: (body: RegisterWebhookRequest, options?: RequestOptions) => http.request<WebhookRegistration>('POST', '/webhooks', body, options),
    list: () => http.request<{ items: WebhookView[] }>('GET', '/webhooks'),
    get: (webhookId: string) => http.request<WebhookView>('GET', `/webhooks/${seg(webhookId)}`),
    delete: (webhookId: string, body: ReasonRequest, options?: RequestOptions) => http.request<CommandAnswer>('DELETE', `/webhooks/${seg(webhookId)}`, body, options),
    deliveries: (webhookId: string, query: DeliveryListQuery = {}) =>
      http.request<ListPage<DeliveryView>>('GET', `/webhooks/${seg(webhookId)}/deliveries${search(query)}`),
    deadLetters: (query: Omit<DeliveryListQuery, 'status'> = {}) => http.request<ListPage<DeliveryView>>('GET', `/webhooks/dead-letters${search(query)}`),
    redeliver: (deliveryId: string) => http.request<{ id: string; status: 'pending' }>('POST', `/webhooks/deliveries/${seg(deliveryId)}/redeliver`, {}),
  };
}
