import { type Timestamp } from './column-types';

/** The runner's own bookkeeping: not projections, never shadowed or rebuilt. */
export interface ProjectorCheckpointsTable {
  projector: string;
  /** Last global position whose batch committed; null before the first one. */
  position: number | null;
  updated_at: Timestamp;
}

export interface ParkedEventsTable {
  projector: string;
  position: number;
  tenant_id: string | null;
  stream_name: string;
  event_id: string;
  event_type: string;
  error: string;
  parked_at: Timestamp;
}
