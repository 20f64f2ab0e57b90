export * from './live-event';
export * from './rooms';
export * from './live-messages';
export * from './sse';
