export * from './session-requests';
export * from './fleet-requests';
export * from './command-answers';
