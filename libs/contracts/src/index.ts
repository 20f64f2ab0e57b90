// The only lib the dashboard, the CLI and the client share with the api (DESIGN.md §3): request and
// response shapes, event payload types, socket/SSE message types and query keys. Types and pure
// helpers only: no Nest, no HTTP client, no Node built-ins, so a browser bundle can import it.
export * from './problem';
export * from './commands';
export * from './live';
export * from './webhooks';
export * from './queries';
export * from './actions';
