export { createCoordination, type Coordination, type CoordinationConfig } from './create-coordination';
export { RedisLeases, type RedisLeasesOptions } from './redis/redis-leases';
export { RedisHeartbeats, type RedisHeartbeatsOptions } from './redis/redis-heartbeats';
export { InProcessLeases, type InProcessLeasesOptions } from './in-process/in-process-leases';
export { InProcessHeartbeats, type InProcessHeartbeatsOptions } from './in-process/in-process-heartbeats';
export { nextFencingToken } from './lease-rules';
