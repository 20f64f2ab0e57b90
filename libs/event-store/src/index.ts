export * from './esdb';
