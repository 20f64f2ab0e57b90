import { type Migration } from './migration';

// Indexes for the query API (DESIGN.md §6). Versions 7..19 are left to the projection work.
// - the session list filtered by status, in its keyset order (created_at, session_id) DESC;
// - a session's timeline paged by global position.
export const queryIndexes: Migration = {
  version: 20,
  name: 'query-indexes',
  sql: `
CREATE INDEX sessions_tenant_status_keyset ON sessions (tenant_id, status, created_at DESC, session_id DESC);
CREATE INDEX session_timeline_session_position ON session_timeline (tenant_id, session_id, position);
`,
};
