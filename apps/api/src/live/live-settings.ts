/** Tunables of the live feeds, from the app config (apps/api/src/live-config.ts). */
export interface LiveSettings {
  /** Entries each feed keeps in memory so near-live catch-ups skip the store. */
  readonly recentEntries: number;
  /** A socket with more queued messages than this is disconnected (it resumes from its position). */
  readonly socketMaxBufferedPackets: number;
  /** A socket with more queued bytes than this is disconnected too (a frame may carry many messages). */
  readonly socketMaxBufferedBytes: number;
  /** Bytes an SSE response may queue before the client is cut off with a `disconnect` message. */
  readonly sseMaxBufferBytes: number;
  readonly sseHeartbeatMs: number;
}
