export * from './ports/event-store.port';
