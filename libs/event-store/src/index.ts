export * from './postgres';
export * from './esdb';
export * from './chain';
