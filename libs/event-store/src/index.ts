export * from './postgres';
export * from './esdb';
