import type { DeliveryStatus, DeliveryView, WebhookView } from '@orch/contracts';
import { UsageError } from '../cli-error';
import { answerLines, apiCommand, EXIT } from '../api/api-command';
import { defined, list, oneOf, positional, reason, REASON_FLAG, requiredText, text } from '../api/options';
import { renderTable } from '../format/table';

export const webhookListCommand = apiCommand({
  name: 'list',
  summary: 'the tenant\'s webhooks',
  help: `Usage: orchestrator webhooks list

The webhooks registered in the key's tenant, active and deleted.
`,
  async run({ client, print }) {
    const answer = await client.webhooks.list();
    print(answer, () => webhookTable(answer.items));
    return EXIT.ok;
  },
});

function webhookTable(hooks: readonly WebhookView[]): string[] {
  if (hooks.length === 0) return ['no webhooks'];
  return renderTable(
    ['id', 'status', 'url', 'event types', 'registered at'],
    hooks.map((hook) => [hook.id, hook.status, hook.url, hook.eventTypes.join(','), hook.registeredAt]),
  );
}

export const webhookCreateCommand = apiCommand({
  name: 'create',
  summary: 'register a webhook; its signing secret is shown once',
  flags: [{ name: 'target', kind: 'string' }, { name: 'events', kind: 'string' }, { name: 'idempotency-key', kind: 'string' }],
  help: `Usage: orchestrator webhooks create --target <url> --events <Prefix,Type> [--idempotency-key k]

Registers a webhook for event types by prefix ("Session" is every Session… event, "TaskFailed"
that one). https anywhere, plain http only to loopback. The answer holds the HMAC secret, shown
this once: keep it to verify signatures (docs/webhooks.md).

Options:
  --target <url>    where deliveries are POSTed
  --events <a,b>    1..50 event type prefixes
`,
  async run({ args, client, print }) {
    const eventTypes = list(args, 'events');
    if (!eventTypes || eventTypes.length === 0) throw new UsageError('--events is required (comma-separated event type prefixes)');
    const key = text(args, 'idempotency-key');
    const answer = await client.webhooks.register({ url: requiredText(args, 'target'), eventTypes }, key ? { idempotencyKey: key } : {});
    print(answer, () => [...answerLines('webhook registered', answer), `secret (shown once): ${answer.secret}`]);
    return EXIT.ok;
  },
});

const DELETE_USAGE = 'orchestrator webhooks delete <webhookId> --reason <text>';

export const webhookDeleteCommand = apiCommand({
  name: 'delete',
  summary: 'delete a webhook (--reason required); its pending deliveries are cancelled',
  flags: [REASON_FLAG],
  help: `Usage: ${DELETE_USAGE}
`,
  async run({ args, client, print }) {
    const id = positional(args, 0, 'the webhook id', DELETE_USAGE);
    const answer = await client.webhooks.delete(id, { reason: reason(args) });
    print(answer, () => answerLines('webhook deleted', answer));
    return EXIT.ok;
  },
});

const DELIVERIES_USAGE = 'orchestrator webhooks deliveries (<webhookId> | --dead-letters) [--status s] [--limit n] [--cursor c]';
const STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'dead', 'cancelled'];

export const webhookDeliveriesCommand = apiCommand({
  name: 'deliveries',
  summary: 'a webhook\'s delivery log with each attempt, or every dead letter',
  flags: [{ name: 'status', kind: 'string' }, { name: 'limit', kind: 'count' }, { name: 'cursor', kind: 'string' }, { name: 'dead-letters', kind: 'boolean' }],
  help: `Usage: ${DELIVERIES_USAGE}

Options:
  --status <s>      ${STATUSES.join(', ')}
  --dead-letters    every dead letter of the tenant (redeliver them with \`webhooks redeliver <id>\`)
`,
  async run({ args, client, print }) {
    const paging = defined({
      limit: typeof args.flags.get('limit') === 'number' ? (args.flags.get('limit') as number) : undefined,
      cursor: text(args, 'cursor'),
    });
    const page =
      args.flags.get('dead-letters') === true
        ? await client.webhooks.deadLetters(paging)
        : await client.webhooks.deliveries(positional(args, 0, 'the webhook id (or --dead-letters)', DELIVERIES_USAGE), defined({ ...paging, status: oneOf(args, 'status', STATUSES) }));
    print(page, () => [...deliveryTable(page.items), ...(page.nextCursor ? [`next page: --cursor ${page.nextCursor}`] : [])]);
    return EXIT.ok;
  },
});

function deliveryTable(deliveries: readonly DeliveryView[]): string[] {
  if (deliveries.length === 0) return ['no deliveries'];
  return renderTable(
    ['id', 'status', 'event', 'position', 'attempts', 'last status', 'last error'],
    deliveries.map((d) => [d.id, d.status, d.eventType, String(d.eventPosition), String(d.attempts), d.lastStatusCode === null ? '-' : String(d.lastStatusCode), d.lastError ?? '']),
    new Set([3, 4]),
  );
}

const REDELIVER_USAGE = 'orchestrator webhooks redeliver <deliveryId>';

export const webhookRedeliverCommand = apiCommand({
  name: 'redeliver',
  summary: 'queue a dead letter (or any delivery) for delivery again',
  help: `Usage: ${REDELIVER_USAGE}
`,
  async run({ args, client, print }) {
    const id = positional(args, 0, 'the delivery id', REDELIVER_USAGE);
    const answer = await client.webhooks.redeliver(id);
    print(answer, () => [`delivery ${answer.id}: ${answer.status}`]);
    return EXIT.ok;
  },
});
