// Live feeds over the event store for the socket gateway, the SSE feed and benches: plain
// TypeScript on the EventStore and ChangeNotifier ports (no Nest, no socket.io).
export * from './event-changes';
export * from './live-events';
export * from './live-feed';
export * from './live-hub';
export * from './projection-watermarks';
export * from './recent-entries';
export * from './selectors';
