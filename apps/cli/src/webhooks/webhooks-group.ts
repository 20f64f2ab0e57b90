import { type CommandGroup } from '../command';
import { webhookCreateCommand, webhookDeleteCommand, webhookDeliveriesCommand, webhookListCommand, webhookRedeliverCommand } from './webhook-commands';

export const webhooksGroup: CommandGroup = {
  name: 'webhooks',
  summary: 'webhooks: list, create, delete, the delivery log, redeliver',
  commands: [webhookListCommand, webhookCreateCommand, webhookDeleteCommand, webhookDeliveriesCommand, webhookRedeliverCommand],
};
