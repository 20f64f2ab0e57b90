export * from './webhook-api';
export * from './webhook-delivery';
