export * from './ports/event-store.port';
export * from './ports/clock.port';
export * from './ports/ids.port';
export * from './command-handling/load-aggregate';
export * from './command-handling/event-metadata';
export * from './command-handling/handle-command';
