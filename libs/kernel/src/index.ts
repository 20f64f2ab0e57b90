export * from './decider';
export * from './command';
export * from './errors';
export * from './text';
export * from './money';
export * from './time';
export * from './json';
export * from './capabilities';
