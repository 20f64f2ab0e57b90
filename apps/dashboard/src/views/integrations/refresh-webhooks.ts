import type { WebhookView } from '@orch/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { OrchQueries } from '../../api/query-options';

/**
 * The webhook list is the delivery fan-out's view, which can trail a registration or deletion by a
 * moment: refetch (up to ~5 s) until it shows what the command did, then leave it as the api says.
 */
export async function refreshWebhooksUntil(queryClient: QueryClient, queries: OrchQueries, done: (items: readonly WebhookView[]) => boolean): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const list = await queryClient.fetchQuery({ ...queries.webhooks(), staleTime: 0 });
    if (done(list.items)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
