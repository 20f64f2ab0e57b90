export * from './session-actions';
