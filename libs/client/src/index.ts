// @orch/client: the typed TypeScript SDK for integrators (HTTP, SSE, socket.io). It knows only
// the wire shapes of @orch/contracts; global fetch and socket.io-client do the I/O.
export { OrchClient } from './orch-client';
export { OrchProblemError } from './problem-error';
export { Transport, type ClientOptions, type RequestOptions } from './transport';
export { streamEvents, type EventStreamOptions, type StreamCursor } from './event-stream';
export { LiveConnection, type LiveConnectionOptions, type RoomHandler, type RoomSubscription } from './live-connection';
export { parseSse, type SseFrame } from './sse-parser';
export { verifyWebhookSignature, type VerifyWebhookInput } from './webhook-signature';
