export const WEBHOOK_RESOURCES = Symbol('WebhookResources');
