import { type Defaulted, type Timestamp } from './column-types';

/**
 * Usage and duration roll-ups per `session`, `agent` and `tenant` (scope_id = the tenant's id).
 * Money is integer micro-dollars (DOMAIN.md §1).
 */
export interface MetricRollupsTable {
  tenant_id: string;
  scope: string;
  scope_id: string;
  tokens_in: Defaulted<number>;
  tokens_out: Defaulted<number>;
  cost_micros: Defaulted<number>;
  api_calls: Defaulted<number>;
  api_errors: Defaulted<number>;
  tasks_succeeded: Defaulted<number>;
  tasks_failed: Defaulted<number>;
  task_run_ms: Defaulted<number>;
  sessions_created: Defaulted<number>;
  sessions_ended: Defaulted<number>;
  updated_at: Timestamp;
  last_position: number;
}
